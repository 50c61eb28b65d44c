namespace KeyMeter.Functions.CustomHandler;

/// <summary>An HTTP trigger's <c>authLevel</c>; Functions defaults to <see cref="Function"/>.</summary>
internal enum HttpAuthLevel
{
    Anonymous,
    Function,
    Admin,
}
