using System.Reflection;
using CareMarket.Data;
using Xunit.Sdk;

namespace CareMarket.Testing;

/// <summary>
/// A theory's data: the test once on SQLite and once on PostgreSQL. The engine is the first parameter; any
/// further values given are passed after it, on both engines, so <c>[BothEngines("Bogus")]</c> is the two rows
/// <c>(Sqlite, "Bogus")</c> and <c>(Postgres, "Bogus")</c>. Use it more than once for more rows; a case meant for one
/// engine only stays an <c>[InlineData(Engine.Sqlite, …)]</c>.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = true)]
public sealed class BothEnginesAttribute(params object?[]? values) : DataAttribute
{
    public static readonly IReadOnlyList<Engine> Engines = [Engine.Sqlite, Engine.Postgres];

    public override IEnumerable<object?[]> GetData(MethodInfo testMethod) =>
        Engines.Select(engine => new object?[] { engine }.Concat(values ?? [null]).ToArray());
}
