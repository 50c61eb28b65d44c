namespace KeyMeter.Functions.Tests.Proxy;

/// <summary>How <see cref="FakeProvider"/> answers.</summary>
internal enum FakeBehavior
{
    Normal,
    RateLimited,
    CutMidStream,
}
