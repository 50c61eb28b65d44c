namespace KeyMeter.Adapters.Tables;

/// <summary>How an update or upsert treats the properties already stored on the entity.</summary>
internal enum TableUpdateMode
{
    /// <summary>Keep stored properties the request does not mention (HTTP <c>MERGE</c>).</summary>
    Merge,

    /// <summary>Replace the whole entity; properties the request does not mention are dropped (HTTP <c>PUT</c>).</summary>
    Replace,
}
