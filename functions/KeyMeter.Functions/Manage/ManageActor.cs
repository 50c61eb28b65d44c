namespace KeyMeter.Functions.Manage;

/// <summary>
/// Who made a management call, for the audit trail: the App Service authentication principal when
/// <see cref="ManageOptions.PlatformAuthentication"/> says the platform sets it, otherwise whatever name the caller
/// gives (the principal header or <c>x-keymeter-actor</c>) recorded as <c>claimed:&lt;value&gt;</c>, otherwise
/// "function-key".
/// </summary>
internal static class ManageActor
{
    public const string PrincipalHeader = "X-MS-CLIENT-PRINCIPAL-NAME";
    public const string ActorHeader = "x-keymeter-actor";
    public const string Anonymous = "function-key";
    public const string ClaimedPrefix = "claimed:";
    private const int MaxLength = 100;

    public static string Of(HttpRequest request, ManageOptions options)
    {
        foreach (var header in (ReadOnlySpan<string>)[PrincipalHeader, ActorHeader])
        {
            var value = request.Headers[header].ToString().Trim();
            if (value.Length is > 0 and <= MaxLength && !value.Any(char.IsControl))
            {
                return header == PrincipalHeader && options.PlatformAuthentication ? value : ClaimedPrefix + value;
            }
        }

        return Anonymous;
    }
}
