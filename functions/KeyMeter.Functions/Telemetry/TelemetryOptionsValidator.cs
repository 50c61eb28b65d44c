using Microsoft.Extensions.Options;

namespace KeyMeter.Functions.Telemetry;

/// <summary>Refuses limits that would refuse every export or hold unbounded memory.</summary>
internal sealed class TelemetryOptionsValidator : IValidateOptions<TelemetryOptions>
{
    private const int Ceiling = 256 * 1024 * 1024;

    public ValidateOptionsResult Validate(string? name, TelemetryOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (options.MaxBodyBytes is < 1024 or > Ceiling)
        {
            failures.Add($"KeyMeter__Telemetry__MaxBodyBytes must be from 1024 to {Ceiling}.");
        }

        if (options.MaxInflatedBytes < options.MaxBodyBytes || options.MaxInflatedBytes > Ceiling)
        {
            failures.Add($"KeyMeter__Telemetry__MaxInflatedBytes must be from MaxBodyBytes to {Ceiling}.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
