namespace CareMarket.Testing;

/// <summary>Tests read a create's decision and the key it made in one line: var (decision, id) = await ….CreateAsync(…).</summary>
public static class DecisionParts
{
    public static void Deconstruct(this Decision decision, out Decision outcome, out int? id)
    {
        outcome = decision;
        id = decision is Decision.Created<int> created ? created.Value : null;
    }
}
