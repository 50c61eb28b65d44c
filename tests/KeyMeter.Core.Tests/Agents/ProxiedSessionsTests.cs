using KeyMeter.Core.Agents;

namespace KeyMeter.Core.Tests.Agents;

public sealed class ProxiedSessionsTests
{
    [Fact]
    public async Task MarkAsync_SameSessionTwice_WritesOnce()
    {
        var store = new CountingStore();
        var sessions = new ProxiedSessions(store, TimeProvider.System);

        await sessions.MarkAsync("dev@example.com", "s-1");
        await sessions.MarkAsync("dev@example.com", "s-1");
        await sessions.MarkAsync("other@example.com", "s-1");

        Assert.Equal(2, store.Marks);
    }

    [Fact]
    public async Task MarkAsync_StoreFails_TheNextCallWritesAgain()
    {
        var store = new CountingStore { FailMarks = 1 };
        var sessions = new ProxiedSessions(store, TimeProvider.System);

        await Assert.ThrowsAsync<IOException>(() => sessions.MarkAsync("dev@example.com", "s-1"));
        await sessions.MarkAsync("dev@example.com", "s-1");

        Assert.Equal(2, store.Marks);
        Assert.Contains("s-1", await new ProxiedSessions(store, TimeProvider.System).FindProxiedAsync("dev@example.com", ["s-1"], CancellationToken.None));
    }

    [Fact]
    public async Task FindProxiedAsync_MarkedHere_AnswersWithoutReading()
    {
        var store = new CountingStore();
        var sessions = new ProxiedSessions(store, TimeProvider.System);
        await sessions.MarkAsync("dev@example.com", "s-1");

        var found = await sessions.FindProxiedAsync("dev@example.com", ["s-1"], CancellationToken.None);

        Assert.Equal(["s-1"], found);
        Assert.Equal(0, store.Reads);
    }

    [Fact]
    public async Task FindProxiedAsync_MarkedElsewhere_ReadOnceThenRemembered()
    {
        var store = new CountingStore();
        await new ProxiedSessions(store, TimeProvider.System).MarkAsync("dev@example.com", "s-1");
        var receiver = new ProxiedSessions(store, TimeProvider.System);

        var first = await receiver.FindProxiedAsync("dev@example.com", ["s-1", "s-2"], CancellationToken.None);
        var second = await receiver.FindProxiedAsync("dev@example.com", ["s-1"], CancellationToken.None);

        Assert.Equal(["s-1"], first);
        Assert.Equal(["s-1"], second);
        Assert.Equal(1, store.Reads);
    }

    [Fact]
    public async Task FindProxiedAsync_NotProxied_BelievedForAWhileThenReadAgain()
    {
        var store = new CountingStore();
        var clock = new KeyMeter.Testing.ManualTimeProvider(DateTimeOffset.Parse("2026-12-03T10:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
        var receiver = new ProxiedSessions(store, clock);

        Assert.Empty(await receiver.FindProxiedAsync("dev@example.com", ["s-1"], CancellationToken.None));
        Assert.Empty(await receiver.FindProxiedAsync("dev@example.com", ["s-1"], CancellationToken.None));
        Assert.Equal(1, store.Reads);

        await new ProxiedSessions(store, clock).MarkAsync("dev@example.com", "s-1");
        clock.Advance(ProxiedSessions.NotProxiedFor);

        Assert.Equal(["s-1"], await receiver.FindProxiedAsync("dev@example.com", ["s-1"], CancellationToken.None));
        Assert.Equal(2, store.Reads);
    }

    [Fact]
    public async Task FindProxiedAsync_OtherDevelopersSession_NotProxied()
    {
        var store = new CountingStore();
        await new ProxiedSessions(store, TimeProvider.System).MarkAsync("mallory@example.com", "s-1");

        var found = await new ProxiedSessions(store, TimeProvider.System).FindProxiedAsync("dev@example.com", ["s-1"], CancellationToken.None);

        Assert.Empty(found);
    }

    private sealed class CountingStore : IProxiedSessionStore
    {
        private readonly HashSet<(string, string)> _marked = [];

        public int Marks { get; private set; }

        public int Reads { get; private set; }

        public int FailMarks { get; set; }

        public async Task MarkAsync(string developer, string sessionId, DateTimeOffset at, CancellationToken cancellationToken)
        {
            await Task.Yield();
            Marks++;
            if (FailMarks-- > 0)
            {
                throw new IOException("storage down");
            }

            _marked.Add((developer, sessionId));
        }

        public Task<IReadOnlySet<string>> FindAsync(string developer, IReadOnlyCollection<string> sessionIds, CancellationToken cancellationToken)
        {
            Reads++;
            return Task.FromResult<IReadOnlySet<string>>(sessionIds.Where(session => _marked.Contains((developer, session))).ToHashSet());
        }
    }
}
