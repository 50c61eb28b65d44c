using Microsoft.AspNetCore.Http.HttpResults;

namespace KeyMeter.Functions.Hosting;

/// <summary>
/// The one way input errors become a response on every route: 400 ProblemDetails (RFC 9457) with the messages per
/// field, parameter or CSV line under <c>errors</c>, and a <c>detail</c> that reads them in one sentence.
/// </summary>
internal static class ValidationProblems
{
    /// <summary>A 400 with <paramref name="errors"/>; <paramref name="detail"/> defaults to every message joined.</summary>
    public static ProblemHttpResult Of(string title, IEnumerable<(string Name, string[] Messages)> errors, string? detail = null)
    {
        var byName = new Dictionary<string, string[]>(StringComparer.Ordinal);
        foreach (var (name, messages) in errors)
        {
            byName[name] = byName.TryGetValue(name, out var earlier) ? [.. earlier, .. messages] : messages;
        }

        return TypedResults.Problem(new HttpValidationProblemDetails(byName)
        {
            Status = StatusCodes.Status400BadRequest,
            Title = title,
            Detail = detail ?? string.Join(" ", byName.Values.SelectMany(messages => messages)),
        });
    }

    /// <summary>A 400 from (name, message) pairs; pairs without a message are not errors and are left out.</summary>
    public static ProblemHttpResult Of(string title, params (string? Name, string? Message)[] errors) =>
        Of(title, errors.Where(error => error is { Name: not null, Message: not null }).Select(error => (error.Name!, new[] { error.Message! })));
}
