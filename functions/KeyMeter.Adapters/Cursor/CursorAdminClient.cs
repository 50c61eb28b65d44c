using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using KeyMeter.Core.Cursor;
using KeyMeter.Core.Secrets;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace KeyMeter.Adapters.Cursor;

/// <summary>
/// <see cref="ICursorAdminApi"/> over HTTP (https://cursor.com/docs/account/teams/admin-api). Basic auth with the Admin API key as the user
/// name; client-side rate limits per endpoint family; 429 waits as long as <c>Retry-After</c> asks (up to
/// <see cref="CursorOptions.MaxRetryAfter"/>); 5xx, transport failures and timeouts back off exponentially with full
/// jitter (https://aws.amazon.com/builders-library/timeouts-retries-and-backoff-with-jitter/). Every failure that is
/// left becomes a <see cref="CursorApiException"/> naming the endpoint, the status and Cursor's message, never the key.
/// </summary>
/// <remarks>The rate limiters live in the instance: register the client so one instance serves a whole run.</remarks>
public sealed class CursorAdminClient(HttpClient http, ISecretSource secrets, IOptions<CursorOptions> options, TimeProvider time, ILogger<CursorAdminClient> logger)
    : ICursorAdminApi
{
    private const string UsageEventsPath = "/teams/filtered-usage-events";
    private const string MembersPath = "/teams/members";
    private const string SpendPath = "/teams/spend";
    private const string DailyUsagePath = "/teams/daily-usage-data";
    private const int MaxMessageLength = 300;
    private const int MaxErrorBodyBytes = 8 * 1024;

    // The longest range /teams/daily-usage-data accepts in one call (https://cursor.com/docs/account/teams/admin-api).
    private static readonly TimeSpan MaxDailyUsageRange = TimeSpan.FromDays(30);

    // RFC 9110 §10.2.3 leaves a 429 without Retry-After open; Cursor's limits reset every minute (https://cursor.com/docs/api).
    private static readonly TimeSpan DefaultRetryAfter = TimeSpan.FromSeconds(60);
    private static readonly MediaTypeWithQualityHeaderValue AcceptJson = new("application/json");

    private readonly CursorOptions _options = options.Value;
    private readonly TimeProvider _time = time;
    private readonly string _baseUrl = options.Value.BaseUrl.AbsoluteUri.TrimEnd('/');
    private readonly CursorRateLimiter _usageEventsLimiter = new(options.Value.UsageEventsPerMinute, time);
    private readonly CursorRateLimiter _adminLimiter = new(options.Value.RequestsPerMinute, time);

    public Task<CursorUsageEventsPage> GetUsageEventsAsync(DateTimeOffset start, DateTimeOffset end, int page, int pageSize, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(page, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(pageSize, 1);
        var body = JsonSerializer.SerializeToUtf8Bytes(
            new CursorUsageEventsRequest(start.ToUnixTimeMilliseconds(), end.ToUnixTimeMilliseconds(), page, pageSize),
            CursorJsonContext.Default.CursorUsageEventsRequest);
        return SendAsync(HttpMethod.Post, UsageEventsPath, body, CursorJsonContext.Default.CursorUsageEventsPage, _usageEventsLimiter, cancellationToken);
    }

    public async Task<IReadOnlyList<CursorMember>> GetMembersAsync(CancellationToken cancellationToken)
    {
        var response = await SendAsync(HttpMethod.Get, MembersPath, null, CursorJsonContext.Default.CursorMembersResponse, _adminLimiter, cancellationToken);
        return response.TeamMembers ?? [];
    }

    public Task<CursorSpendPage> GetSpendAsync(int page, int pageSize, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(page, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(pageSize, 1);
        var body = JsonSerializer.SerializeToUtf8Bytes(new CursorSpendRequest(page, pageSize), CursorJsonContext.Default.CursorSpendRequest);
        return SendAsync(HttpMethod.Post, SpendPath, body, CursorJsonContext.Default.CursorSpendPage, _adminLimiter, cancellationToken);
    }

    public async Task<IReadOnlyList<CursorDailyUsage>> GetDailyUsageAsync(DateTimeOffset start, DateTimeOffset end, CancellationToken cancellationToken)
    {
        if (end < start || end - start > MaxDailyUsageRange)
        {
            throw new ArgumentOutOfRangeException(nameof(end), end, "The daily-usage range must end after it starts and span at most 30 days.");
        }

        var body = JsonSerializer.SerializeToUtf8Bytes(
            new CursorDailyUsageRequest(start.ToUnixTimeMilliseconds(), end.ToUnixTimeMilliseconds()),
            CursorJsonContext.Default.CursorDailyUsageRequest);
        var response = await SendAsync(HttpMethod.Post, DailyUsagePath, body, CursorJsonContext.Default.CursorDailyUsageResponse, _adminLimiter, cancellationToken);
        return response.Data ?? [];
    }

    private async Task<T> SendAsync<T>(HttpMethod method, string path, byte[]? body, JsonTypeInfo<T> responseType, CursorRateLimiter limiter, CancellationToken cancellationToken)
        where T : class
    {
        var endpoint = method.Method + " " + path;
        var uri = new Uri(_baseUrl + path, UriKind.Absolute);

        // 1. The key, read per call so a rotated key is picked up; it only ever goes into the Authorization header.
        var key = await secrets.GetAsync(SecretNames.CursorAdminApiKey, cancellationToken);
        if (string.IsNullOrEmpty(key))
        {
            throw new CursorApiException(
                CursorApiFailure.MissingKey,
                0,
                $"No Cursor Admin API key: set the secret {SecretNames.CursorAdminApiKey} in Key Vault, or KeyMeter__Secrets__{SecretNames.CursorAdminApiKey} locally (a team Admin API key from cursor.com/dashboard → API Keys).");
        }

        var authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(key + ":")));

        for (var attempt = 1; ; attempt++)
        {
            // 2. Every attempt counts against Cursor's per-minute limit, retries included.
            await limiter.AcquireAsync(cancellationToken);

            // 3. One attempt under its own timeout; the caller's cancellation is not a timeout and propagates.
            using var timeout = new CancellationTokenSource(_options.RequestTimeout, _time);
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
            CursorApiFailure failure;
            int status;
            string reason;
            TimeSpan delay;
            Exception? error = null;
            try
            {
                using var request = CreateRequest(method, uri, authorization, body);
                using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, linked.Token);
                status = (int)response.StatusCode;
                if (response.IsSuccessStatusCode)
                {
                    return await ReadAsync(response, responseType, endpoint, status, linked.Token);
                }

                var cursorMessage = Sanitize(await ReadErrorMessageAsync(response, linked.Token), key);
                var statusText = StatusText(response, cursorMessage);

                // 4. What the status means for the next step.
                switch (response.StatusCode)
                {
                    case HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden:
                        secrets.Invalidate(SecretNames.CursorAdminApiKey);
                        CursorClientLog.KeyRejected(logger, endpoint, status);
                        throw new CursorApiException(
                            CursorApiFailure.Rejected,
                            status,
                            $"Cursor rejected the Admin API key ({statusText}) on {endpoint}; check that {SecretNames.CursorAdminApiKey} is a team Admin API key (cursor.com/dashboard → API Keys) with the admin scope, and that the team's plan includes the Admin API.");
                    case HttpStatusCode.TooManyRequests:
                        failure = CursorApiFailure.RateLimited;
                        delay = RetryAfter(response);
                        if (delay > _options.MaxRetryAfter)
                        {
                            throw new CursorApiException(
                                failure,
                                status,
                                FormattableString.Invariant($"Cursor rate-limited {endpoint} ({statusText}) and asked to wait {delay.TotalSeconds:0} s, more than MaxRetryAfter ({_options.MaxRetryAfter.TotalSeconds:0} s); the next run continues."));
                        }

                        break;
                    case >= HttpStatusCode.InternalServerError:
                        failure = CursorApiFailure.Unavailable;
                        delay = Backoff(attempt);
                        break;
                    default:
                        throw new CursorApiException(CursorApiFailure.BadRequest, status, $"Cursor refused {endpoint} ({statusText}).");
                }

                reason = statusText;
            }
            catch (Exception exception) when (exception is HttpRequestException or IOException)
            {
                (failure, status, reason, delay, error) = (CursorApiFailure.Unavailable, 0, "transport failure: " + Sanitize(exception.Message, key), Backoff(attempt), exception);
            }
            catch (OperationCanceledException exception) when (!cancellationToken.IsCancellationRequested)
            {
                // Our timeout, or HttpClient.Timeout: either way not the caller's cancellation.
                var seconds = _options.RequestTimeout.TotalSeconds;
                (failure, status, reason, delay, error) = (CursorApiFailure.Unavailable, 0, FormattableString.Invariant($"no response within {seconds:0.###} s"), Backoff(attempt), exception);
            }

            // 5. Out of attempts: the last failure is the answer. Otherwise wait and go again.
            if (attempt >= _options.MaxAttempts)
            {
                var what = failure == CursorApiFailure.RateLimited ? "Cursor kept rate-limiting " : "Cursor's Admin API was unavailable for ";
                throw new CursorApiException(
                    failure,
                    status,
                    FormattableString.Invariant($"{what}{endpoint} after {attempt} attempt(s) (last: {reason})."),
                    error);
            }

            if (error is null)
            {
                CursorClientLog.RetryingStatus(logger, endpoint, status, failure, (long)delay.TotalMilliseconds, attempt, _options.MaxAttempts);
            }
            else
            {
                CursorClientLog.RetryingTransport(logger, endpoint, error.GetType().Name, (long)delay.TotalMilliseconds, attempt, _options.MaxAttempts);
            }

            await Task.Delay(delay, _time, cancellationToken);
        }
    }

    private static HttpRequestMessage CreateRequest(HttpMethod method, Uri uri, AuthenticationHeaderValue authorization, byte[]? body)
    {
        var request = new HttpRequestMessage(method, uri);
        request.Headers.Authorization = authorization;
        request.Headers.Accept.Add(AcceptJson);
        if (body is not null)
        {
            request.Content = new ByteArrayContent(body);
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        }

        return request;
    }

    private static async Task<T> ReadAsync<T>(HttpResponseMessage response, JsonTypeInfo<T> responseType, string endpoint, int status, CancellationToken cancellationToken)
        where T : class
    {
        string problem;
        try
        {
            await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
            var value = await JsonSerializer.DeserializeAsync(stream, responseType, cancellationToken);
            if (value is not null)
            {
                return value;
            }

            problem = "the body is null";
        }
        catch (JsonException exception)
        {
            problem = Sanitize(exception.Message, null) ?? "the body is not JSON";
        }

        throw new CursorApiException(
            CursorApiFailure.InvalidResponse,
            status,
            FormattableString.Invariant($"Cursor answered {endpoint} with {status} but not with the documented JSON: {problem}"));
    }

    // Reads at most MaxErrorBodyBytes: an error body is only worth its message, and a gateway's HTML page can be large.
    private static async Task<string?> ReadErrorMessageAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        byte[] buffer = new byte[MaxErrorBodyBytes];
        var length = 0;
        try
        {
            await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
            int read;
            while (length < buffer.Length && (read = await stream.ReadAsync(buffer.AsMemory(length), cancellationToken)) > 0)
            {
                length += read;
            }
        }
        catch (Exception exception) when (exception is HttpRequestException or IOException)
        {
            // The status says enough; a body cut off mid-way is no reason to lose it.
        }

        if (length == 0)
        {
            return null;
        }

        try
        {
            var errorBody = JsonSerializer.Deserialize(buffer.AsSpan(0, length), CursorJsonContext.Default.CursorErrorBody);
            if (errorBody?.Describe() is { } described)
            {
                return described;
            }
        }
        catch (JsonException)
        {
            // Not one of the documented shapes (or cut off): the raw text, sanitised, still says more than nothing.
        }

        return Encoding.UTF8.GetString(buffer, 0, length);
    }

    private static string StatusText(HttpResponseMessage response, string? cursorMessage)
    {
        var phrase = Sanitize(response.ReasonPhrase, null);
        var status = string.IsNullOrEmpty(phrase)
            ? ((int)response.StatusCode).ToString(CultureInfo.InvariantCulture)
            : FormattableString.Invariant($"{(int)response.StatusCode} {phrase}");
        return string.IsNullOrEmpty(cursorMessage) ? status : status + ": " + cursorMessage;
    }

    private TimeSpan RetryAfter(HttpResponseMessage response)
    {
        var header = response.Headers.RetryAfter;
        var wait = header?.Delta ?? (header?.Date is { } date ? date - _time.GetUtcNow() : DefaultRetryAfter);
        return wait < TimeSpan.Zero ? TimeSpan.Zero : wait;
    }

    // Full jitter: a uniform delay between 0 and RetryDelay·2^(attempt−1), never above MaxRetryAfter.
    private TimeSpan Backoff(int attempt)
    {
        var ceiling = Math.Min(_options.RetryDelay.Ticks * Math.Pow(2, attempt - 1), _options.MaxRetryAfter.Ticks);
        return TimeSpan.FromTicks((long)(Random.Shared.NextDouble() * ceiling));
    }

    // Cursor's words go into exception messages: no control characters, bounded, and never the key should it echo it.
    private static string? Sanitize(string? text, string? key)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        if (!string.IsNullOrEmpty(key))
        {
            text = text.Replace(key, "[redacted]", StringComparison.Ordinal);
        }

        var clean = new string([.. text.Where(c => !char.IsControl(c))]).Trim();
        return clean.Length > MaxMessageLength ? clean[..(MaxMessageLength - 1)] + "…" : clean;
    }
}
