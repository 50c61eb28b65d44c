using KeyMeter.Core.Aggregation;
using Microsoft.Extensions.Options;

namespace KeyMeter.Core.Reports;

/// <summary>Refuses an idle gap shorter than a slot (a gap inside a slot could not be seen) or longer than a day.</summary>
public sealed class AgentSessionOptionsValidator : IValidateOptions<AgentSessionOptions>
{
    public ValidateOptionsResult Validate(string? name, AgentSessionOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options.IdleGapMinutes is < SessionEntry.SlotMinutes or > AgentSessionOptions.MaxIdleGapMinutes
            ? ValidateOptionsResult.Fail($"KeyMeter__Sessions__IdleGapMinutes must be from {SessionEntry.SlotMinutes} to {AgentSessionOptions.MaxIdleGapMinutes}.")
            : ValidateOptionsResult.Success;
    }
}
