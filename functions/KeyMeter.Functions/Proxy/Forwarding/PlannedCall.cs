using KeyMeter.Core.Proxy;

namespace KeyMeter.Functions.Proxy.Forwarding;

/// <summary>
/// A metered call ready to send, or why it cannot be sent. <paramref name="Summary"/> is the request as the provider
/// will read it (a translation may raise its output ceiling); <paramref name="SentBytes"/> the larger of the client's
/// body and what is sent, for the call's input ceiling.
/// </summary>
internal readonly record struct PlannedCall(OutboundCall? Call, ProxyProblem? Problem, RequestSummary Summary, long SentBytes);
