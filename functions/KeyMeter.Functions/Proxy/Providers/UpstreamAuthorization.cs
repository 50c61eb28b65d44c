namespace KeyMeter.Functions.Proxy.Providers;

/// <summary>The one header that authenticates a call to its provider, e.g. <c>Authorization: Bearer …</c>. Never logged.</summary>
internal sealed record UpstreamAuthorization(string Header, string Value)
{
    /// <summary>Hides the value, so the credential cannot reach a log or an exception message by accident.</summary>
    public override string ToString() => Header + ": ***";
}
