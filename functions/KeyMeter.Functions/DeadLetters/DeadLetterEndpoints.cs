using System.Globalization;
using KeyMeter.Core.Queues;
using KeyMeter.Functions.CustomHandler;
using KeyMeter.Functions.Hosting;
using KeyMeter.Functions.Manage;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace KeyMeter.Functions.DeadLetters;

/// <summary>
/// <c>/manage/deadletters/{queue}</c> of the <c>manage</c> function (auth level "function"): list the dead letters of a
/// queue a function listens on (<c>usage</c>, <c>alerts</c>), and replay them into it once their cause is fixed.
/// </summary>
internal static class DeadLetterEndpoints
{
    public const int DefaultMax = 100;
    public const int MaxMax = 500;

    public static IEndpointRouteBuilder MapDeadLetterEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/manage/deadletters");
        group.MapGet("{queue}", ListAsync);
        group.MapPost("{queue}/replay", ReplayAsync);
        return endpoints;
    }

    public static async Task<Results<JsonHttpResult<DeadLetterListResponse>, ProblemHttpResult>> ListAsync(
        string queue, string? max, IDeadLetters deadLetters, FunctionCatalog catalog, CancellationToken cancellationToken)
    {
        var (name, count, problem) = Parse(queue, max, catalog);
        if (problem is not null)
        {
            return problem;
        }

        DeadLetterListing listing;
        try
        {
            listing = await deadLetters.ListAsync(name!, count, cancellationToken);
        }
        catch (Exception exception) when (StorageFailures.IsTransient(exception, cancellationToken))
        {
            return Unavailable(exception);
        }

        return listing.Failure is { } failure
            ? TypedResults.Problem(failure, statusCode: StatusCodes.Status502BadGateway, title: "The dead letters could not be read")
            : TypedResults.Json(DeadLetterListResponse.Of(name!, listing), ManageJsonContext.Default.DeadLetterListResponse);
    }

    public static async Task<Results<JsonHttpResult<DeadLetterReplayResponse>, ProblemHttpResult>> ReplayAsync(
        string queue,
        string? max,
        HttpRequest request,
        IDeadLetters deadLetters,
        FunctionCatalog catalog,
        ILogger<IDeadLetters> logger,
        IOptions<ManageOptions> manage,
        CancellationToken cancellationToken)
    {
        var (name, count, problem) = Parse(queue, max, catalog);
        if (problem is not null)
        {
            return problem;
        }

        DeadLetterReplay replay;
        try
        {
            replay = await deadLetters.ReplayAsync(name!, count, cancellationToken);
        }
        catch (Exception exception) when (StorageFailures.IsTransient(exception, cancellationToken))
        {
            return Unavailable(exception);
        }

        var actor = ManageActor.Of(request, manage.Value);
        DeadLetterLog.Replayed(logger, name!, replay.Replayed.Count, actor);
        if (replay.Failure is { } failure)
        {
            DeadLetterLog.ReplayStopped(logger, name!, replay.Replayed.Count, failure);
            var stopped = TypedResults.Problem(
                $"Replayed {replay.Replayed.Count} message(s), then stopped: {failure}",
                statusCode: StatusCodes.Status502BadGateway,
                title: "The replay stopped part way");
            stopped.ProblemDetails.Extensions["replayed"] = replay.Replayed.Count;
            return stopped;
        }

        return TypedResults.Json(DeadLetterReplayResponse.Of(name!, replay), ManageJsonContext.Default.DeadLetterReplayResponse);
    }

    /// <summary>The queue as function.json spells it, and <c>max</c>; or the 404 / 400 that says why not.</summary>
    private static (string? Queue, int Max, ProblemHttpResult? Problem) Parse(string queue, string? max, FunctionCatalog catalog)
    {
        var name = catalog.ServiceBusFunctions
            .Select(function => function.QueueName)
            .FirstOrDefault(candidate => string.Equals(candidate, queue, StringComparison.OrdinalIgnoreCase));
        if (name is null)
        {
            var known = string.Join(", ", catalog.ServiceBusFunctions.Select(function => function.QueueName).Distinct(StringComparer.OrdinalIgnoreCase).Order(StringComparer.Ordinal));
            return (null, 0, TypedResults.Problem($"No function listens on that queue. Queues: {known}.", statusCode: StatusCodes.Status404NotFound, title: "Unknown queue"));
        }

        var count = DefaultMax;
        if (max is not null && (!int.TryParse(max, NumberStyles.None, CultureInfo.InvariantCulture, out count) || count is < 1 or > MaxMax))
        {
            return (null, 0, ValidationProblems.Of("Invalid query", ("max", $"'max' must be a whole number from 1 to {MaxMax}.")));
        }

        return (name, count, null);
    }

    private static ProblemHttpResult Unavailable(Exception exception) =>
        TypedResults.Problem(
            $"The dead letters are out of reach for now ({exception.GetType().Name}); try again.",
            statusCode: StatusCodes.Status503ServiceUnavailable,
            title: "Dead letters unavailable");
}
