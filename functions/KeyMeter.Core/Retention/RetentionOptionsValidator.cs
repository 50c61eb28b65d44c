using Microsoft.Extensions.Options;

namespace KeyMeter.Core.Retention;

/// <summary>Checks <see cref="RetentionOptions"/> at start (source-generated from its annotations and cross-field check).</summary>
[OptionsValidator]
public sealed partial class RetentionOptionsValidator : IValidateOptions<RetentionOptions>;
