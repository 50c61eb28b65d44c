using Microsoft.Extensions.Options;

namespace KeyMeter.Core.Cursor;

/// <summary>Checks <see cref="CursorOptions"/> at start (source-generated from its annotations).</summary>
[OptionsValidator]
public sealed partial class CursorOptionsValidator : IValidateOptions<CursorOptions>;
