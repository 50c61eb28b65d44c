namespace KeyMeter.Functions.Manage;

/// <summary>
/// Who made a management call, for the audit trail: the App Service authentication principal when the platform
/// supplies one, otherwise the caller's own <c>x-keymeter-actor</c> label, otherwise "function-key".
/// </summary>
internal static class ManageActor
{
    public const string PrincipalHeader = "X-MS-CLIENT-PRINCIPAL-NAME";
    public const string ActorHeader = "x-keymeter-actor";
    public const string Anonymous = "function-key";
    private const int MaxLength = 100;

    public static string From(HttpRequest request)
    {
        foreach (var header in (ReadOnlySpan<string>)[PrincipalHeader, ActorHeader])
        {
            var value = request.Headers[header].ToString().Trim();
            if (value.Length is > 0 and <= MaxLength && !value.Any(char.IsControl))
            {
                return header == PrincipalHeader ? value : "claimed:" + value;
            }
        }

        return Anonymous;
    }
}
