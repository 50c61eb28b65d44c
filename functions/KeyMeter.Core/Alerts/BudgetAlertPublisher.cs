using System.Collections.Concurrent;
using System.Text.Json;
using KeyMeter.Core.Aggregation;
using KeyMeter.Core.Keys;
using KeyMeter.Core.Queues;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace KeyMeter.Core.Alerts;

/// <summary>
/// Puts the alerts the aggregates call for on the <c>alerts</c> queue, after each counted batch. The message id is the
/// alert's id, so Service Bus duplicate detection drops a repeat, and <c>alert-notify</c>'s delivery ledger sends each
/// alert once per channel even past that window.
/// </summary>
/// <remarks>
/// A key stays above 50 % for the rest of its day, so every batch would plan that alert again: ids this process has
/// already queued are remembered (for the current day) and not queued again. Keys are read from the store at most
/// once per <see cref="KeyCacheTtl"/>: a changed budget shows within a minute.
/// </remarks>
public sealed class BudgetAlertPublisher(
    IKeyStore keys,
    IQueueSender queue,
    IOptions<AlertOptions> options,
    TimeProvider time,
    ILogger<BudgetAlertPublisher> logger)
{
    public const string QueueName = "alerts";

    public static readonly TimeSpan KeyCacheTtl = TimeSpan.FromMinutes(1);

    private const int MaxRemembered = 100_000;

    private readonly ConcurrentDictionary<string, (DeveloperKey? Key, DateTimeOffset ReadAt)> _keys = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, DateOnly> _queued = new(StringComparer.Ordinal);

    /// <summary>Queues the alerts <paramref name="spend"/> calls for; returns how many were sent.</summary>
    /// <exception cref="Exception">The queue or the key store failed: the caller has the batch redelivered, which plans the same alerts again.</exception>
    public async Task<int> PublishAsync(IReadOnlyList<KeySpend> spend, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(spend);
        var settings = options.Value;
        if (!settings.Enabled || spend.Count == 0)
        {
            return 0;
        }

        var now = time.GetUtcNow();
        var thresholds = settings.ThresholdList();
        var alerts = new List<BudgetAlert>();
        foreach (var item in spend)
        {
            if (await KeyAsync(item.KeyId, now, cancellationToken) is { } key)
            {
                alerts.AddRange(BudgetAlertPlanner.Plan(item, key, thresholds, now).Where(alert => !_queued.ContainsKey(alert.Id)));
            }
        }

        alerts = [.. alerts.DistinctBy(alert => alert.Id, StringComparer.Ordinal)];
        if (alerts.Count == 0)
        {
            return 0;
        }

        await queue.SendAsync(QueueName, [.. alerts.Select(ToMessage)], cancellationToken);
        Remember(alerts, DateOnly.FromDateTime(now.UtcDateTime));
        foreach (var alert in alerts)
        {
            AlertsLog.Queued(logger, alert.Id, alert.SpentUsd, alert.LimitUsd);
        }

        return alerts.Count;
    }

    public static QueueMessage ToMessage(BudgetAlert alert)
    {
        ArgumentNullException.ThrowIfNull(alert);
        return new QueueMessage(alert.Id, JsonSerializer.SerializeToUtf8Bytes(alert, AlertJsonContext.Default.BudgetAlert));
    }

    private async Task<DeveloperKey?> KeyAsync(string keyId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (_keys.TryGetValue(keyId, out var cached) && now - cached.ReadAt < KeyCacheTtl)
        {
            return cached.Key;
        }

        var key = (await keys.GetAsync(keyId, cancellationToken))?.Key;
        _keys[keyId] = (key, now);
        return key;
    }

    private void Remember(List<BudgetAlert> alerts, DateOnly today)
    {
        // Yesterday's ids can never be planned again (only the current day and month raise alerts); forget them.
        if (_queued.Count + alerts.Count > MaxRemembered || _queued.Values.Any(day => day != today))
        {
            foreach (var stale in _queued.Where(entry => entry.Value != today || _queued.Count + alerts.Count > MaxRemembered).Select(entry => entry.Key).ToList())
            {
                _queued.TryRemove(stale, out _);
            }
        }

        foreach (var alert in alerts)
        {
            _queued[alert.Id] = today;
        }
    }
}
