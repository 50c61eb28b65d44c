using System.ComponentModel.DataAnnotations;

namespace KeyMeter.Functions.Proxy;

/// <summary>Proxy settings: <c>KeyMeter__Proxy__*</c>.</summary>
public sealed class ProxyOptions : IValidatableObject
{
    public const string SectionName = "KeyMeter:Proxy";

    /// <summary>Largest accepted request body. Default 32 MB; larger bodies get 413 and cost nothing upstream.</summary>
    public long MaxRequestBodyBytes { get; set; } = 32L * 1024 * 1024;

    /// <summary>
    /// Request bytes the proxy may hold in memory at once, over all requests. Default 256 MB; past it a request gets
    /// 503 with <c>Retry-After</c> instead of pushing the process out of memory.
    /// </summary>
    public long MaxBufferedBodyBytes { get; set; } = 256L * 1024 * 1024;

    /// <summary>
    /// How long a key lookup is trusted without asking storage again. Revocations and changes reach every instance
    /// sooner through the key-change watermark (<see cref="KeyChangePollInterval"/>); this is the backstop. Default 60 s.
    /// </summary>
    public TimeSpan KeyCacheTtl { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>How often each instance checks whether any key changed anywhere. Default 2 s.</summary>
    public TimeSpan KeyChangePollInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>How long a key lookup may take before the request is answered from the last known state or 503. Default 0.8 s.</summary>
    public TimeSpan KeyLookupTimeout { get; set; } = TimeSpan.FromMilliseconds(800);

    /// <summary>
    /// While storage cannot be reached, a key known valid at most this long ago is still served. Default 15 min; past
    /// that (or for a key never seen) the answer is 503 with <c>Retry-After</c>.
    /// </summary>
    public TimeSpan KeyMaxStale { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>
    /// After the client goes away, how long the proxy keeps reading the provider's answer to meter what it bills.
    /// Default 30 s; past it the call is recorded as an estimate.
    /// </summary>
    public TimeSpan AbortDrainTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// When budget and allow-list refusals on <c>/v1/chat/completions</c> are answered as a chat message the developer
    /// can read (<see cref="ChatRefusal"/>): <c>Cursor</c> (default; Cursor hides error bodies), <c>Always</c> or <c>Never</c>.
    /// </summary>
    public RefusalsInChat RefusalsInChat { get; set; } = RefusalsInChat.Cursor;

    /// <summary>Whom a refused developer should ask, in the refusal text: a team, an address, a channel.</summary>
    public string AdminContact { get; set; } = "your KeyMeter administrator";

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (string.IsNullOrWhiteSpace(AdminContact) || AdminContact.Length > 200 || AdminContact.Any(char.IsControl))
        {
            yield return new ValidationResult("KeyMeter__Proxy__AdminContact must be 1 to 200 characters on one line.", [nameof(AdminContact)]);
        }

        if (MaxRequestBodyBytes is < 1024 or > 100L * 1024 * 1024)
        {
            yield return new ValidationResult("KeyMeter__Proxy__MaxRequestBodyBytes must be between 1024 and 104857600 (the Functions host's own limit).", [nameof(MaxRequestBodyBytes)]);
        }

        if (MaxBufferedBodyBytes < MaxRequestBodyBytes || MaxBufferedBodyBytes > 8L * 1024 * 1024 * 1024)
        {
            yield return new ValidationResult("KeyMeter__Proxy__MaxBufferedBodyBytes must be at least KeyMeter__Proxy__MaxRequestBodyBytes and at most 8 GB.", [nameof(MaxBufferedBodyBytes)]);
        }

        foreach (var (name, value, min, max) in new[]
        {
            (nameof(KeyCacheTtl), KeyCacheTtl, TimeSpan.Zero, TimeSpan.FromMinutes(10)),
            (nameof(KeyChangePollInterval), KeyChangePollInterval, TimeSpan.FromMilliseconds(100), TimeSpan.FromMinutes(1)),
            (nameof(KeyLookupTimeout), KeyLookupTimeout, TimeSpan.FromMilliseconds(50), TimeSpan.FromSeconds(30)),
            (nameof(KeyMaxStale), KeyMaxStale, TimeSpan.Zero, TimeSpan.FromHours(24)),
            (nameof(AbortDrainTimeout), AbortDrainTimeout, TimeSpan.Zero, TimeSpan.FromMinutes(10)),
        })
        {
            if (value < min || value > max)
            {
                yield return new ValidationResult($"KeyMeter__Proxy__{name} must be between {min:c} and {max:c}.", [name]);
            }
        }
    }
}
