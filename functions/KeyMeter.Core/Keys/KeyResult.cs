namespace KeyMeter.Core.Keys;

/// <summary>Outcome of a key command as a value: an expected failure is not an exception.</summary>
public sealed record KeyResult<T>(KeyResultKind Kind, T? Value, KeyValidationErrors? Errors, string? Detail)
{
    public static KeyResult<T> Ok(T value) => new(KeyResultKind.Ok, value, null, null);

    public static KeyResult<T> Invalid(KeyValidationErrors errors) => new(KeyResultKind.Invalid, default, errors, null);

    public static KeyResult<T> NotFound(string detail) => new(KeyResultKind.NotFound, default, null, detail);

    public static KeyResult<T> Conflict(string detail) => new(KeyResultKind.Conflict, default, null, detail);
}
