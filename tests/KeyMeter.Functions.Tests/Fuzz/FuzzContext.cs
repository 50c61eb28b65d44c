namespace KeyMeter.Functions.Tests.Fuzz;

/// <summary>What the corpus needs from the running app: keys to call the proxy with, a key to manage, the function key.</summary>
/// <param name="ProxyKey">The secret of a key without limits.</param>
/// <param name="LimitedKey">The secret of a key with a budget and a model allow-list.</param>
/// <param name="VictimKeyId">A key the management cases may change, rotate and revoke.</param>
/// <param name="FunctionKey">The local function key.</param>
internal sealed record FuzzContext(string ProxyKey, string LimitedKey, string VictimKeyId, string FunctionKey);
