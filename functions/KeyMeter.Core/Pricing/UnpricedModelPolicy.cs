namespace KeyMeter.Core.Pricing;

/// <summary>What the proxy does with a model the price table does not know.</summary>
public enum UnpricedModelPolicy
{
    /// <summary>Reserve and settle at the fallback prices (by default the dearest rates in the table); the record is flagged unpriced.</summary>
    Fallback,

    /// <summary>Refuse the call on a key with a budget; keys without budgets are still served and priced at the fallback.</summary>
    Refuse,
}
