using System.Globalization;
using KeyMeter.Core.Budgets;

namespace KeyMeter.Functions.Proxy;

/// <summary>
/// An expected way a proxied call is refused, as a value; <see cref="ProviderError"/> renders it, or
/// <see cref="ChatRefusal"/> when it has a <see cref="ChatText"/> and the client reads chat better than errors.
/// </summary>
internal sealed record ProxyProblem(int Status, string Type, string Code, string Message, TimeSpan? RetryAfter = null)
{
    /// <summary>The refusal as a developer reads it in a chat (budget and allow-list refusals); null for the rest.</summary>
    public string? ChatText { get; init; }

    public static ProxyProblem InvalidKey() => new(
        401,
        "invalid_request_error",
        "invalid_api_key",
        "Invalid KeyMeter key. Send your km_ key as 'Authorization: Bearer <key>' or 'x-api-key: <key>'; it may be revoked or expired.");

    public static ProxyProblem ModelNotAllowed(string model) => new(
        403,
        "invalid_request_error",
        "model_not_allowed",
        $"Model '{model}' is not on this KeyMeter key's allow-list.")
    {
        ChatText = $"model '{model}' is not on your KeyMeter key's allow-list, so this request was not sent.",
    };

    /// <summary>404 in OpenAI's own shape for a model it does not have (<c>model_not_found</c>).</summary>
    public static ProxyProblem ModelNotFound(string model, string path) => new(
        404,
        "invalid_request_error",
        "model_not_found",
        $"No provider configured in KeyMeter serves model '{model}' on {path}. Check the model id, or ask your KeyMeter administrator.");

    public static ProxyProblem NotFound(string path) => new(404, "invalid_request_error", "unknown_url", $"KeyMeter does not serve {path}.");

    public static ProxyProblem MethodNotAllowed(string method, string path, string allowed) =>
        new(405, "invalid_request_error", "method_not_allowed", $"{path} accepts {allowed}, not {method}.");

    public static ProxyProblem BadRequest(string message) => new(400, "invalid_request_error", "invalid_request", message);

    public static ProxyProblem TooLarge(long limit) =>
        new(413, "invalid_request_error", "request_too_large", $"The request body is larger than KeyMeter's limit of {limit} bytes.");

    public static ProxyProblem NotConfigured(string provider) => new(
        503,
        "server_error",
        "provider_not_configured",
        $"KeyMeter has no {provider} key configured; ask your KeyMeter administrator.");

    public static ProxyProblem UpstreamUnavailable(string provider) =>
        new(502, "server_error", "upstream_unavailable", $"KeyMeter could not reach {provider}. Try again.");

    /// <summary>429 in OpenAI's quota shape: which budget, how much, and when it resets.</summary>
    public static ProxyProblem BudgetExceeded(BudgetRefusal refusal, DateTimeOffset now) => new(
        429,
        "insufficient_quota",
        "budget_exceeded",
        string.Create(
            CultureInfo.InvariantCulture,
            $"KeyMeter {BudgetNames.Of(refusal.Period)} budget exceeded: {refusal.UsedUsd:0.####} of {refusal.LimitUsd:0.####} USD used or reserved; this request needs about {refusal.EstimateUsd:0.####} USD. The budget resets at {refusal.ResetsAt:yyyy-MM-ddTHH:mm:ssZ}."),
        refusal.ResetsAt > now ? refusal.ResetsAt - now : null)
    {
        ChatText = string.Create(
            CultureInfo.InvariantCulture,
            $"your {BudgetNames.Of(refusal.Period)} budget is used up: {refusal.UsedUsd:0.00##} of {refusal.LimitUsd:0.00##} USD spent or reserved, and this request could cost up to {refusal.EstimateUsd:0.00##} USD more. It resets at {refusal.ResetsAt:yyyy-MM-dd HH:mm} UTC ({Until(refusal.ResetsAt - now)})."),
    };

    /// <summary>"in 3 h 12 min", "in 40 min", "now".</summary>
    private static string Until(TimeSpan left) => left <= TimeSpan.Zero ? "now"
        : left.TotalHours >= 1 ? string.Create(CultureInfo.InvariantCulture, $"in {(int)left.TotalHours} h {left.Minutes} min")
        : string.Create(CultureInfo.InvariantCulture, $"in {Math.Max(1, (int)Math.Ceiling(left.TotalMinutes))} min");

    public static ProxyProblem BudgetsUnavailable() =>
        new(503, "server_error", "budgets_unavailable", "KeyMeter cannot check this key's budget right now. Try again shortly.", TimeSpan.FromSeconds(5));

    public static ProxyProblem Busy() =>
        new(503, "server_error", "keymeter_busy", "KeyMeter is holding as many request bodies as it may right now. Try again shortly.", TimeSpan.FromSeconds(2));

    public static ProxyProblem Unpriced(string model) => new(
        403,
        "invalid_request_error",
        "model_not_priced",
        $"KeyMeter has no price for model '{model}' and refuses unpriced models on keys with a budget; ask your KeyMeter administrator to add its price.")
    {
        ChatText = $"model '{model}' has no price in KeyMeter, and keys with a budget may not use unpriced models.",
    };

    public static ProxyProblem Background() => new(
        400,
        "invalid_request_error",
        "background_not_supported",
        "KeyMeter does not proxy background responses: their usage never comes back through KeyMeter, so they could not be metered.");

    public static ProxyProblem ServiceTier(string tier) => new(
        400,
        "invalid_request_error",
        "service_tier_not_supported",
        $"KeyMeter meters the standard prices; service_tier '{tier}' bills at other rates and is refused. Leave it out or use 'auto', 'default' or 'flex'.");

    public static ProxyProblem KeyStoreUnavailable() =>
        new(503, "server_error", "keymeter_unavailable", "KeyMeter cannot check keys right now. Try again shortly.", TimeSpan.FromSeconds(5));
}
