namespace KeyMeter.Adapters.Emulator;

/// <summary>An executable and its arguments, shown quoted as a shell would need them.</summary>
/// <param name="FileName">The executable.</param>
/// <param name="Arguments">Its arguments.</param>
/// <param name="MayDownload">True for the <c>npx</c> fallback, which may have to download Azurite before it starts.</param>
internal sealed record AzuriteCommandLine(string FileName, IReadOnlyList<string> Arguments, bool MayDownload = false)
{
    public override string ToString() => string.Join(' ', Arguments.Prepend(FileName).Select(Quote));

    private static string Quote(string value) =>
        value.Length > 0 && !value.Any(c => char.IsWhiteSpace(c) || c is '"' or '\'') ? value : $"\"{value.Replace("\"", "\\\"", StringComparison.Ordinal)}\"";
}
