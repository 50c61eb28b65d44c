using Microsoft.Extensions.Options;

namespace KeyMeter.Core.Digests;

/// <summary>Checks <see cref="DigestOptions"/> at start.</summary>
[OptionsValidator]
public sealed partial class DigestOptionsValidator : IValidateOptions<DigestOptions>;
