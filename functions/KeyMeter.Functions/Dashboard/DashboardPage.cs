using System.Security.Cryptography;
using System.Text;

namespace KeyMeter.Functions.Dashboard;

/// <summary>
/// The dashboard as one self-contained document: <c>dashboard.html</c> with <c>dashboard.css</c> and
/// <c>dashboard.js</c> (embedded in the assembly at build time) inlined, built once. Its Content-Security-Policy allows
/// exactly that script and style by their SHA-256 hashes, and connections to this app only, so nothing can load from
/// anywhere else.
/// </summary>
internal sealed class DashboardPage
{
    private const string ResourcePrefix = "KeyMeter.Functions.Dashboard.";

    public DashboardPage()
    {
        var script = Read("dashboard.js");
        var style = Read("dashboard.css");
        var html = Read("dashboard.html")
            .Replace("/*STYLE*/", style, StringComparison.Ordinal)
            .Replace("/*SCRIPT*/", script, StringComparison.Ordinal);
        Html = Encoding.UTF8.GetBytes(html);
        ContentSecurityPolicy =
            $"default-src 'none'; script-src '{Hash(script)}'; style-src '{Hash(style)}'; connect-src 'self'; img-src 'self' data:; "
            + "base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
    }

    public byte[] Html { get; }

    public string ContentSecurityPolicy { get; }

    private static string Hash(string content) => "sha256-" + Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(content)));

    private static string Read(string name)
    {
        using var stream = typeof(DashboardPage).Assembly.GetManifestResourceStream(ResourcePrefix + name)
            ?? throw new InvalidOperationException($"The dashboard resource {name} is not embedded in the build.");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return reader.ReadToEnd();
    }
}
