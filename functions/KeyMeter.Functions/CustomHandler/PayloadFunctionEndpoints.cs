using System.Text.Json;
using KeyMeter.Functions.Hosting;
using Microsoft.AspNetCore.Http.HttpResults;

namespace KeyMeter.Functions.CustomHandler;

/// <summary>Maps <c>POST /{name}</c> for every registered <see cref="IPayloadFunction"/>.</summary>
internal static class PayloadFunctionEndpoints
{
    private const string LoggerCategory = "KeyMeter.Functions.CustomHandler.PayloadFunctionEndpoints";

    public static IEndpointRouteBuilder MapPayloadFunctions(this IEndpointRouteBuilder endpoints)
    {
        // Names are read once; the instances are resolved per request so scoped functions work too.
        using var scope = endpoints.ServiceProvider.CreateScope();
        var names = scope.ServiceProvider.GetServices<IPayloadFunction>().Select(function => function.Name).ToList();
        var duplicates = names.GroupBy(name => name, StringComparer.OrdinalIgnoreCase).Where(group => group.Count() > 1).Select(group => group.Key).ToList();
        if (duplicates.Count > 0)
        {
            throw new InvalidOperationException($"More than one IPayloadFunction is named {string.Join(", ", duplicates)}.");
        }

        // Without a catalog (tests of the endpoint alone) every function gets the largest limit.
        var catalog = endpoints.ServiceProvider.GetService<FunctionCatalog>();
        foreach (var name in names)
        {
            endpoints.MapPost("/" + name, context => HandleAsync(name, context))
                .WithDisplayName($"Payload function {name}")
                .WithBodyLimit(PayloadLimits.For(catalog?.Find(name)));
        }

        return endpoints;
    }

    /// <summary>Reads the invocation, runs the function and maps its outcome to a status: the one place that does so.</summary>
    internal static async Task<Results<JsonHttpResult<InvocationResponse>, ProblemHttpResult>> InvokeAsync(
        IPayloadFunction function,
        Stream body,
        long? bodyLength,
        ILogger logger,
        CancellationToken cancellationToken)
    {
        // 1. Read the payload with the source-generated contract.
        var read = await InvocationReader.ReadAsync(body, bodyLength, cancellationToken);
        if (!read.Succeeded)
        {
            return BadPayload(function.Name, read.Error, logger);
        }

        var request = read.Value;

        // 2. Run the function.
        var result = await function.InvokeAsync(request, cancellationToken);

        // 3. Map the outcome.
        switch (result.Outcome)
        {
            case PayloadOutcome.Success:
                Log.Completed(logger, function.Name);
                var response = new InvocationResponse
                {
                    Outputs = new Dictionary<string, JsonElement>(result.Outputs),
                    Logs = result.Logs,
                    ReturnValue = result.ReturnValue,
                };
                return TypedResults.Json(response, HostJsonContext.Default.InvocationResponse);
            case PayloadOutcome.BadPayload:
                return BadPayload(function.Name, result.Reason ?? "The payload was rejected.", logger);
            default:
                var reason = result.Reason ?? "The function failed.";
                Log.TransientFailure(logger, function.Name, reason);
                return TypedResults.Problem(reason, statusCode: StatusCodes.Status500InternalServerError, title: $"Function {function.Name} failed; the trigger will retry.");
        }
    }

    private static async Task HandleAsync(string name, HttpContext context)
    {
        // The host posts JSON; anything else is not an invocation, and a web form never is.
        if (!context.Request.HasJsonContentType())
        {
            await TypedResults.Problem(
                "An invocation payload is JSON: send Content-Type: application/json.",
                statusCode: StatusCodes.Status415UnsupportedMediaType,
                title: "Unsupported media type").ExecuteAsync(context);
            return;
        }

        var function = context.RequestServices.GetServices<IPayloadFunction>()
            .First(candidate => string.Equals(candidate.Name, name, StringComparison.OrdinalIgnoreCase));
        var logger = context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(LoggerCategory);
        var result = await InvokeAsync(function, context.Request.Body, context.Request.ContentLength, logger, context.RequestAborted);
        await result.ExecuteAsync(context);
    }

    private static ProblemHttpResult BadPayload(string functionName, string reason, ILogger logger)
    {
        Log.BadPayload(logger, functionName, reason);
        return TypedResults.Problem(reason, statusCode: StatusCodes.Status400BadRequest, title: $"Bad payload for function {functionName}.");
    }
}
