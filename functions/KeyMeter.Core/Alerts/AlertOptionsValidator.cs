using Microsoft.Extensions.Options;

namespace KeyMeter.Core.Alerts;

/// <summary>Checks <see cref="AlertOptions"/> at start.</summary>
[OptionsValidator]
public sealed partial class AlertOptionsValidator : IValidateOptions<AlertOptions>;
