using KeyMeter.Functions.Hosting;
using Microsoft.Extensions.Options;

namespace KeyMeter.Functions.Manage;

/// <summary>Refuses <see cref="ManageOptions.PlatformAuthentication"/> in local mode, where no platform sets the header.</summary>
internal sealed class ManageOptionsValidator(HostingMode mode) : IValidateOptions<ManageOptions>
{
    public ValidateOptionsResult Validate(string? name, ManageOptions options) =>
        options.PlatformAuthentication && mode.IsLocal
            ? ValidateOptionsResult.Fail("KeyMeter__Manage__PlatformAuthentication must be false in local mode: only App Service Authentication in Azure sets X-MS-CLIENT-PRINCIPAL-NAME.")
            : ValidateOptionsResult.Success;
}
