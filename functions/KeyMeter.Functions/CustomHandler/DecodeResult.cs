using System.Diagnostics.CodeAnalysis;

namespace KeyMeter.Functions.CustomHandler;

/// <summary>A decoded payload value, or why the payload could not be decoded (answered with 400).</summary>
internal readonly struct DecodeResult<T>
    where T : class
{
    private DecodeResult(T? value, string? error) => (Value, Error) = (value, error);

    public T? Value { get; }

    public string? Error { get; }

    [MemberNotNullWhen(true, nameof(Value))]
    [MemberNotNullWhen(false, nameof(Error))]
    public bool Succeeded => Value is not null;

    public static DecodeResult<T> Success(T value) => new(value, null);

    public static DecodeResult<T> Failure(string error) => new(null, error);
}
