using System.Diagnostics.CodeAnalysis;

namespace KeyMeter.Core.Reports;

/// <summary>
/// A report query parameter read from user input (errors are values): either the value, or the
/// parameter's name and a message that says what was wrong and what is allowed.
/// </summary>
public sealed record ReportParseResult<T>(T? Value, string? Parameter, string? Error)
    where T : class
{
    [MemberNotNullWhen(true, nameof(Value))]
    [MemberNotNullWhen(false, nameof(Parameter), nameof(Error))]
    public bool IsValid => Value is not null;

    public static ReportParseResult<T> Ok(T value) => new(value, null, null);

    public static ReportParseResult<T> Invalid(string parameter, string error) => new(null, parameter, error);
}
