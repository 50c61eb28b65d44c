namespace KeyMeter.Functions.Tests.Fuzz;

/// <summary>One malformed (or, now and then, valid) request of the fuzz run.</summary>
/// <param name="Number">Its place in the run, to reproduce it.</param>
/// <param name="Route">The route it aims at, as a template (<c>POST /v1/chat/completions</c>).</param>
/// <param name="Mutation">What was done to it (<c>escaped-name</c>, <c>invalid-utf8</c>, ...).</param>
/// <param name="Method">The HTTP method.</param>
/// <param name="Target">The path and query actually sent.</param>
/// <param name="Headers">Extra request headers.</param>
/// <param name="ContentType">The Content-Type, sent as it is; null for none.</param>
/// <param name="Body">The body bytes; null for none.</param>
/// <param name="Transport">How it is sent.</param>
internal sealed record FuzzCase(
    int Number,
    string Route,
    string Mutation,
    string Method,
    string Target,
    IReadOnlyList<KeyValuePair<string, string>> Headers,
    string? ContentType,
    byte[]? Body,
    FuzzTransport Transport = FuzzTransport.Client)
{
    public override string ToString() => $"#{Number} {Route} [{Mutation}] {Method} {(Target.Length > 120 ? Target[..120] + "…" : Target)}";
}
