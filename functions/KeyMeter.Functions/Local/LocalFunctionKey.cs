using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace KeyMeter.Functions.Local;

/// <summary>
/// The function key local mode demands on management and report routes: <c>KeyMeter__Local__FunctionKey</c>, or a
/// random one generated for this run and printed once at start.
/// </summary>
internal sealed class LocalFunctionKey
{
    public const string HeaderName = "x-functions-key";

    private readonly byte[] _expected;

    public LocalFunctionKey(IOptions<LocalOptions> options)
    {
        IsGenerated = string.IsNullOrEmpty(options.Value.FunctionKey);
        Value = IsGenerated ? Convert.ToBase64String(RandomNumberGenerator.GetBytes(24)).Replace('+', '-').Replace('/', '_') : options.Value.FunctionKey!;
        _expected = Encoding.UTF8.GetBytes(Value);
    }

    public string Value { get; }

    public bool IsGenerated { get; }

    /// <summary>Constant-time comparison, so response timing says nothing about how much of a guess was right.</summary>
    public bool Matches(string? candidate) =>
        candidate is not null && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(candidate), _expected);
}
