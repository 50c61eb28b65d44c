namespace KeyMeter.Functions.Manage;

/// <summary>Settings of the management routes: <c>KeyMeter__Manage__*</c>.</summary>
public sealed class ManageOptions
{
    public const string SectionName = "KeyMeter:Manage";

    /// <summary>
    /// True when App Service Authentication (Easy Auth) is switched on for the function app. Only then does the platform
    /// set <c>X-MS-CLIENT-PRINCIPAL-NAME</c> (and strip a value a client sent), so only then does the audit trail record
    /// it as the caller; otherwise anyone holding the function key could name anyone, and the header is recorded as
    /// <c>claimed:&lt;value&gt;</c>. Default false. Local mode has no platform, so it refuses true.
    /// </summary>
    public bool PlatformAuthentication { get; set; }
}
