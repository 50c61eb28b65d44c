using KeyMeter.Adapters.Cursor;
using KeyMeter.Core.Cursor;
using KeyMeter.Core.Secrets;
using KeyMeter.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace KeyMeter.Adapters.Tests.Cursor;

/// <summary>Builds a <see cref="CursorAdminClient"/> over a fake handler, with retries fast enough for tests.</summary>
internal static class CursorTestClients
{
    /// <summary>A made-up Admin API key, deliberately not in the real <c>crsr_</c> shape so no scanner mistakes it for one.</summary>
    public const string Key = "test-cursor-admin-key-0123456789abcdef";

    public static readonly DateTimeOffset Start = new(2026, 11, 22, 9, 0, 0, TimeSpan.Zero);

    public static CursorAdminClient Create(FakeCursorHandler handler, ISecretSource secrets, TimeProvider time, Action<CursorOptions>? configure = null)
    {
        var options = new CursorOptions { RetryDelay = TimeSpan.FromMilliseconds(1), MaxAttempts = 5 };
        configure?.Invoke(options);
        return new CursorAdminClient(new HttpClient(handler), secrets, Options.Create(options), time, NullLogger<CursorAdminClient>.Instance);
    }

    /// <summary>
    /// Moves <paramref name="time"/> on by <paramref name="step"/> until <paramref name="task"/> completes, pausing
    /// briefly in real time between steps so the code under test reaches its next timer.
    /// </summary>
    public static async Task<T> DriveAsync<T>(Task<T> task, ManualTimeProvider time, TimeSpan step)
    {
        for (var i = 0; i < 500 && !task.IsCompleted; i++)
        {
            await Task.Delay(2);
            time.Advance(step);
        }

        return await task.WaitAsync(TimeSpan.FromSeconds(10));
    }
}
