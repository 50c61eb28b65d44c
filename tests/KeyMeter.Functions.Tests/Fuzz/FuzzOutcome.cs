namespace KeyMeter.Functions.Tests.Fuzz;

/// <summary>
/// How the app answered a fuzz case: a status; or, for a body cut short, that it waited for the rest (as it should);
/// or why there was no answer (a dropped connection, a timeout).
/// </summary>
internal sealed record FuzzOutcome(FuzzCase Case, int? Status, string? Failure, bool WaitedForBody = false)
{
    /// <summary>A 5xx, or no answer at all when one was due.</summary>
    public bool Failed => !WaitedForBody && Status is null or >= 500;

    public string Describe() => Status is { } status ? $"{status}" : WaitedForBody ? "waited for the rest of the body" : "no answer: " + Failure;
}
