using KeyMeter.Core.Secrets;
using KeyMeter.Testing;
using Microsoft.Extensions.Logging.Abstractions;

namespace KeyMeter.Core.Tests.Secrets;

public sealed class CachingSecretSourceTests
{
    private readonly ManualTimeProvider _time = new(new DateTimeOffset(2026, 11, 22, 0, 0, 0, TimeSpan.Zero));
    private readonly CountingSource _inner = new();

    private CachingSecretSource Create() =>
        new(_inner, TimeSpan.FromMinutes(5), _time, NullLogger<CachingSecretSource>.Instance);

    [Fact]
    public async Task GetAsync_WithinTtl_ReadsInnerOnce()
    {
        var source = Create();

        Assert.Equal("v1", await source.GetAsync("OpenAIApiKey", CancellationToken.None));
        _time.Advance(TimeSpan.FromMinutes(4));
        Assert.Equal("v1", await source.GetAsync("OpenAIApiKey", CancellationToken.None));

        Assert.Equal(1, _inner.Reads);
    }

    [Fact]
    public async Task GetAsync_AfterTtl_ReadsAgain()
    {
        var source = Create();
        await source.GetAsync("OpenAIApiKey", CancellationToken.None);
        _inner.Value = "v2";

        _time.Advance(TimeSpan.FromMinutes(5));

        Assert.Equal("v2", await source.GetAsync("OpenAIApiKey", CancellationToken.None));
        Assert.Equal(2, _inner.Reads);
    }

    [Fact]
    public async Task Invalidate_NextGetReadsAgain()
    {
        var source = Create();
        await source.GetAsync("OpenAIApiKey", CancellationToken.None);
        _inner.Value = "v2";

        source.Invalidate("OpenAIApiKey");

        Assert.Equal("v2", await source.GetAsync("OpenAIApiKey", CancellationToken.None));
    }

    [Fact]
    public async Task GetAsync_RefreshFails_ServesCachedValue()
    {
        var source = Create();
        await source.GetAsync("OpenAIApiKey", CancellationToken.None);
        _inner.Fail = true;
        _time.Advance(TimeSpan.FromMinutes(6));

        Assert.Equal("v1", await source.GetAsync("OpenAIApiKey", CancellationToken.None));
    }

    [Fact]
    public async Task GetAsync_FirstReadFails_Throws()
    {
        var source = Create();
        _inner.Fail = true;

        await Assert.ThrowsAsync<InvalidOperationException>(() => source.GetAsync("OpenAIApiKey", CancellationToken.None).AsTask());
    }

    [Fact]
    public async Task GetAsync_ConcurrentCallers_OneInnerRead()
    {
        var source = Create();
        _inner.Delay = TimeSpan.FromMilliseconds(50);

        await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => source.GetAsync("OpenAIApiKey", CancellationToken.None).AsTask()));

        Assert.Equal(1, _inner.Reads);
    }

    private sealed class CountingSource : ISecretSource
    {
        private int _reads;

        public string Value { get; set; } = "v1";

        public bool Fail { get; set; }

        public TimeSpan Delay { get; set; }

        public int Reads => _reads;

        public async ValueTask<string?> GetAsync(string name, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _reads);
            if (Delay > TimeSpan.Zero)
            {
                await Task.Delay(Delay, cancellationToken);
            }

            return Fail ? throw new InvalidOperationException("vault unavailable") : Value;
        }

        public void Invalidate(string name)
        {
        }
    }
}
