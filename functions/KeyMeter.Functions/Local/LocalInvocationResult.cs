using System.Diagnostics.CodeAnalysis;

namespace KeyMeter.Functions.Local;

/// <summary>Whether a local invocation succeeded (2xx with a valid response) and why not.</summary>
internal readonly record struct LocalInvocationResult(string? Failure)
{
    public static LocalInvocationResult Success => default;

    [MemberNotNullWhen(false, nameof(Failure))]
    public bool Succeeded => Failure is null;

    public static LocalInvocationResult Failed(string reason) => new(reason);
}
