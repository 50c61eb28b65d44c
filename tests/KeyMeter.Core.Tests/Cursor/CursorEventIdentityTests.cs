using KeyMeter.Core.Cursor;
using static KeyMeter.Core.Tests.Cursor.CursorTestEvents;

namespace KeyMeter.Core.Tests.Cursor;

public sealed class CursorEventIdentityTests
{
    [Fact]
    public void Assign_CentsOrKindCorrected_SameKey()
    {
        var original = Event(Now, charged: 10m, fee: 1m);
        var corrected = Corrected(original, 12.5m, 1.25m);

        Assert.Equal(CursorEventIdentity.Assign([original])[0].Key, CursorEventIdentity.Assign([corrected])[0].Key);
    }

    [Fact]
    public void Assign_DifferentUserModelConversationOrTokens_DifferentKeys()
    {
        var keys = CursorEventIdentity.Assign(
            [
                Event(Now),
                Event(Now, email: "other@corp.com"),
                Event(Now, model: "gpt-5"),
                Event(Now, conversation: "c1"),
                Event(Now, noTokens: true),
                Event(Now.AddMilliseconds(1)),
            ]).Select(pair => pair.Key);

        Assert.Equal(6, keys.Distinct().Count());
    }

    [Fact]
    public void Assign_IndistinguishableTwinsInAnyOrder_SameDistinctKeysForSameEvents()
    {
        var a = Event(Now, charged: 1m, fee: 0.1m);
        var b = Event(Now, charged: 2m, fee: 0.2m);

        var forward = CursorEventIdentity.Assign([a, b]).ToDictionary(pair => pair.Event.ChargedCents!.Value, pair => pair.Key);
        var backward = CursorEventIdentity.Assign([b, a]).ToDictionary(pair => pair.Event.ChargedCents!.Value, pair => pair.Key);

        Assert.NotEqual(forward[1m], forward[2m]);
        Assert.Equal(forward, backward);
    }

    [Fact]
    public void Assign_EmailCase_Ignored()
    {
        Assert.Equal(
            CursorEventIdentity.Assign([Event(Now, email: "Dev@Corp.com")])[0].Key,
            CursorEventIdentity.Assign([Event(Now, email: "dev@corp.com")])[0].Key);
    }

    [Fact]
    public void RecordIds_PerRevision_DistinctAndWithinQueueLimits()
    {
        var key = CursorEventIdentity.Assign([Event(Now)])[0].Key;

        Assert.Equal(32, key.Length);
        Assert.Equal("cu_" + key, CursorEventIdentity.RecordId(key, 0));
        Assert.Equal("cu_" + key + "_2", CursorEventIdentity.RecordId(key, 2));
        Assert.Equal("cu_" + key + "_2r", CursorEventIdentity.ReversalId(key, 2));
    }
}
