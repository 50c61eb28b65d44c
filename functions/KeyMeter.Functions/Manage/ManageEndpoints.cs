using KeyMeter.Core.Keys;
using KeyMeter.Functions.Hosting;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace KeyMeter.Functions.Manage;

/// <summary>
/// <c>/manage/keys</c>: create, list, read, change, rotate and revoke developer keys. Auth level "function": the
/// Functions host checks the function key in Azure, <see cref="Local.LocalFunctionKeyMiddleware"/> does locally.
/// </summary>
internal static class ManageEndpoints
{
    public static RouteGroupBuilder MapManageEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/manage/keys");
        group.MapPost(string.Empty, CreateAsync);
        group.MapGet(string.Empty, ListAsync);
        group.MapGet("{id}", GetAsync);
        group.MapPatch("{id}", PatchAsync);
        group.MapPost("{id}/rotate", RotateAsync);
        group.MapDelete("{id}", RevokeAsync);
        group.MapGet("{id}/audit", AuditAsync);
        return group;
    }

    public static async Task<Results<JsonHttpResult<CreatedKeyResponse>, ProblemHttpResult>> CreateAsync(
        HttpRequest request, KeyManagement keys, ILogger<KeyManagement> logger, IOptions<ManageOptions> manage, CancellationToken cancellationToken)
    {
        var (body, problem) = await RequestBody.ReadAsync(request, ManageJsonContext.Default.CreateKeyRequest, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        var result = await keys.CreateAsync(body!, ManageActor.Of(request, manage.Value), cancellationToken);
        if (result.Kind != KeyResultKind.Ok)
        {
            return Failure(result);
        }

        ManageLog.KeyCreated(logger, result.Value!.Key.Id);
        request.HttpContext.Response.Headers.Location = $"/manage/keys/{result.Value.Key.Id}";
        return TypedResults.Json(CreatedKeyResponse.Of(result.Value), ManageJsonContext.Default.CreatedKeyResponse, statusCode: StatusCodes.Status201Created);
    }

    public static async Task<JsonHttpResult<IReadOnlyList<KeyResponse>>> ListAsync(KeyManagement keys, CancellationToken cancellationToken)
    {
        var all = await keys.ListAsync(cancellationToken);
        return TypedResults.Json<IReadOnlyList<KeyResponse>>([.. all.Select(KeyResponse.Of)], ManageJsonContext.Default.IReadOnlyListKeyResponse);
    }

    public static async Task<Results<JsonHttpResult<KeyResponse>, ProblemHttpResult>> GetAsync(
        string id, KeyManagement keys, CancellationToken cancellationToken) =>
        ToResponse(await keys.GetAsync(id, cancellationToken));

    public static async Task<Results<JsonHttpResult<KeyResponse>, ProblemHttpResult>> PatchAsync(
        string id, HttpRequest request, KeyManagement keys, ILogger<KeyManagement> logger, IOptions<ManageOptions> manage, CancellationToken cancellationToken)
    {
        var (document, problem) = await RequestBody.ReadDocumentAsync(request, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        using (document)
        {
            var errors = new KeyValidationErrors();
            var patch = KeyPatchParser.Parse(document!.RootElement, errors);
            if (!errors.IsEmpty)
            {
                return Invalid(errors);
            }

            var result = await keys.PatchAsync(id, patch, ManageActor.Of(request, manage.Value), cancellationToken);
            if (result.Kind == KeyResultKind.Ok)
            {
                ManageLog.KeyUpdated(logger, result.Value!.Id);
            }

            return ToResponse(result);
        }
    }

    public static async Task<Results<JsonHttpResult<CreatedKeyResponse>, ProblemHttpResult>> RotateAsync(
        string id, HttpRequest request, KeyManagement keys, ILogger<KeyManagement> logger, IOptions<ManageOptions> manage, CancellationToken cancellationToken)
    {
        var result = await keys.RotateAsync(id, ManageActor.Of(request, manage.Value), cancellationToken);
        if (result.Kind != KeyResultKind.Ok)
        {
            return Failure(result);
        }

        ManageLog.KeyRotated(logger, result.Value!.Key.Id);
        return TypedResults.Json(CreatedKeyResponse.Of(result.Value), ManageJsonContext.Default.CreatedKeyResponse);
    }

    public static async Task<Results<JsonHttpResult<KeyResponse>, ProblemHttpResult>> RevokeAsync(
        string id, HttpRequest request, KeyManagement keys, ILogger<KeyManagement> logger, IOptions<ManageOptions> manage, CancellationToken cancellationToken)
    {
        var result = await keys.RevokeAsync(id, ManageActor.Of(request, manage.Value), cancellationToken);
        if (result.Kind == KeyResultKind.Ok)
        {
            ManageLog.KeyRevoked(logger, result.Value!.Id);
        }

        return ToResponse(result);
    }

    public static async Task<Results<JsonHttpResult<IReadOnlyList<AuditEntryResponse>>, ProblemHttpResult>> AuditAsync(
        string id, KeyManagement keys, CancellationToken cancellationToken)
    {
        var result = await keys.GetAuditAsync(id, cancellationToken);
        return result.Kind == KeyResultKind.Ok
            ? TypedResults.Json<IReadOnlyList<AuditEntryResponse>>([.. result.Value!.Select(AuditEntryResponse.Of)], ManageJsonContext.Default.IReadOnlyListAuditEntryResponse)
            : Failure(result);
    }

    private static Results<JsonHttpResult<KeyResponse>, ProblemHttpResult> ToResponse(KeyResult<DeveloperKey> result) =>
        result.Kind == KeyResultKind.Ok ? TypedResults.Json(KeyResponse.Of(result.Value!), ManageJsonContext.Default.KeyResponse) : Failure(result);

    /// <summary>The one place key-command failures become HTTP statuses.</summary>
    private static ProblemHttpResult Failure<T>(KeyResult<T> result) => result.Kind switch
    {
        KeyResultKind.Invalid => Invalid(result.Errors!),
        KeyResultKind.NotFound => TypedResults.Problem(result.Detail, statusCode: StatusCodes.Status404NotFound, title: "Key not found"),
        KeyResultKind.Conflict => TypedResults.Problem(result.Detail, statusCode: StatusCodes.Status409Conflict, title: "Conflict"),
        _ => throw new InvalidOperationException("A successful result is not a failure."),
    };

    private static ProblemHttpResult Invalid(KeyValidationErrors errors) =>
        ValidationProblems.Of("The key definition is invalid", errors.ToDictionary().Select(pair => (pair.Key, pair.Value)));
}
