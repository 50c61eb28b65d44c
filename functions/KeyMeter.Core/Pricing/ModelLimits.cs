namespace KeyMeter.Core.Pricing;

/// <summary>
/// How many tokens one call to a model can bill at most: its context window (every input token, however it is
/// billed) and its largest output (reasoning included). Budgets reserve against these, so a call cannot cost more
/// than was reserved for it.
/// </summary>
public sealed record ModelLimits(long ContextTokens, long MaxOutputTokens);
