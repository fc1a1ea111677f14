using System.Linq.Expressions;
using System.Reflection;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace CareMarket.Data;

// Every table is one of three kinds, said by a marker on its entity; a test fails on an entity that says none.

/// <summary>Read by everyone: the CQC register, councils and their areas, the market's capacity returns.</summary>
public interface IReferenceData;

/// <summary>
/// A council's own record (it has <c>LocalAuthorityId</c>): its staff see it, partners, providers and other councils
/// do not, unless the entity says otherwise with <see cref="IVisibleTo{TSelf}"/>.
/// </summary>
public interface ICouncilOwned;

/// <summary>
/// A council's setting (targets, weights, API keys): read by everyone acting for that council, its partners and
/// provider users included; no other council's.
/// </summary>
public interface ICouncilSetting : ICouncilOwned;

/// <summary>
/// A council's record that another party sees because the council shared it on purpose (a host council's view of a
/// placement notice, a partner's view of a quality dashboard). Says who sees it with <see cref="IVisibleTo{TSelf}"/>.
/// </summary>
public interface ISharedByGrant : ICouncilOwned;

/// <summary>
/// A council's record about one provider (an invitation, an offer): its provider sees it, from any council; the
/// council's staff see their own; nobody else. The entity has <c>ProviderId</c> and <c>LocalAuthorityId</c>.
/// </summary>
public interface IProviderShared : ICouncilOwned;

/// <summary>A council-owned record whose visibility is its own rule (a provider sees the requests it was sent).</summary>
public interface IVisibleTo<TSelf> where TSelf : IVisibleTo<TSelf>
{
    /// <summary>Who sees a row, given the context acting (its actor): the system sees every row.</summary>
    static abstract Expression<Func<CareMarketDb, TSelf, bool>> Visible { get; }
}

/// <summary>Rows that are written once and never changed or deleted (the audit log, a request's status history).</summary>
public interface IAppendOnly;

/// <summary>Rows that may change (a suspension is lifted) but are never deleted: their history is kept.</summary>
public interface INeverDeleted;

/// <summary>How tenancy is applied: one named query filter per council-owned entity, from its marker.</summary>
public static class Tenancy
{
    /// <summary>
    /// The name of the tenancy filter. A query that must see past it (an API key looked up before anyone is known)
    /// says so by name: <c>IgnoreQueryFilters([Tenancy.Filter])</c>, never an unnamed <c>IgnoreQueryFilters()</c>.
    /// </summary>
    public const string Filter = "Tenancy";

    /// <summary>Adds the tenancy filter to every council-owned entity of the model, acting through <paramref name="db"/>.</summary>
    internal static void Apply(ModelBuilder builder, CareMarketDb db)
    {
        foreach (var entity in builder.Model.GetEntityTypes().Where(e => !e.IsOwned() && e.BaseType is null).ToList())
        {
            var type = entity.ClrType;
            if (!type.IsAssignableTo(typeof(ICouncilOwned))) continue;
            var filter = OwnRule(type) ?? (type.IsAssignableTo(typeof(ICouncilSetting)) ? SettingRule(type)
                : type.IsAssignableTo(typeof(IProviderShared)) ? ProviderRule(type) : StaffRule(type));
            entity.SetQueryFilter(Filter, Bind(filter, db));
        }
    }

    /// <summary>The kind of table an entity is, for the classification test and the architecture page.</summary>
    public static string KindOf(IReadOnlyEntityType entity) => entity.ClrType switch
    {
        var t when t.IsAssignableTo(typeof(ISharedByGrant)) => "shared by grant",
        var t when t.IsAssignableTo(typeof(ICouncilSetting)) => "council setting",
        var t when t.IsAssignableTo(typeof(IProviderShared)) => "council-owned, seen by its provider",
        var t when t.IsAssignableTo(typeof(ICouncilOwned)) => "council-owned",
        var t when t.IsAssignableTo(typeof(IReferenceData)) => "reference data",
        var t when t.Namespace == "Microsoft.AspNetCore.Identity" || t == typeof(AppUser) => "accounts",
        _ => "unclassified",
    };

    // Council staff see their council's rows: (db, x) => db.TenantId == null || (db.SeesCouncilRecords && x.LocalAuthorityId == db.TenantId)
    private static LambdaExpression StaffRule(Type type)
    {
        var (db, x, tenant, council) = Parts(type);
        var body = Expression.OrElse(
            Expression.Equal(tenant, Expression.Constant(null, typeof(int?))),
            Expression.AndAlso(Expression.Property(db, nameof(CareMarketDb.SeesCouncilRecords)), Expression.Equal(council, tenant)));
        return Expression.Lambda(body, db, x);
    }

    // Everyone acting for the council: (db, x) => db.TenantId == null || x.LocalAuthorityId == db.TenantId
    private static LambdaExpression SettingRule(Type type)
    {
        var (db, x, tenant, council) = Parts(type);
        var body = Expression.OrElse(Expression.Equal(tenant, Expression.Constant(null, typeof(int?))), Expression.Equal(council, tenant));
        return Expression.Lambda(body, db, x);
    }

    // Its provider, or the council's staff:
    // (db, x) => db.TenantId == null || (db.ActorProviderId != null ? x.ProviderId == db.ActorProviderId : db.SeesCouncilRecords && x.LocalAuthorityId == db.TenantId)
    private static LambdaExpression ProviderRule(Type type)
    {
        var (db, x, tenant, council) = Parts(type);
        var actorProvider = Expression.Property(db, nameof(CareMarketDb.ActorProviderId));
        var provider = Expression.Convert(Expression.Property(x, type.GetProperty("ProviderId")
            ?? throw new InvalidOperationException($"{type.Name} is shared with its provider but has no ProviderId.")), typeof(int?));
        var body = Expression.OrElse(
            Expression.Equal(tenant, Expression.Constant(null, typeof(int?))),
            Expression.Condition(
                Expression.NotEqual(actorProvider, Expression.Constant(null, typeof(int?))),
                Expression.Equal(provider, actorProvider),
                Expression.AndAlso(Expression.Property(db, nameof(CareMarketDb.SeesCouncilRecords)), Expression.Equal(council, tenant))));
        return Expression.Lambda(body, db, x);
    }

    private static (ParameterExpression Db, ParameterExpression X, Expression Tenant, Expression Council) Parts(Type type)
    {
        var db = Expression.Parameter(typeof(CareMarketDb), "db");
        var x = Expression.Parameter(type, "x");
        var property = type.GetProperty("LocalAuthorityId")
            ?? throw new InvalidOperationException($"{type.Name} is council-owned but has no LocalAuthorityId.");
        return (db, x, Expression.Property(db, nameof(CareMarketDb.TenantId)),
            Expression.Convert(Expression.Property(x, property), typeof(int?)));
    }

    private static LambdaExpression? OwnRule(Type type)
    {
        var rule = type.GetInterfaces().FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IVisibleTo<>));
        if (rule is null) return null;
        var property = type.GetProperty("Visible", BindingFlags.Public | BindingFlags.Static)
            ?? throw new InvalidOperationException($"{type.Name} says it has its own visibility rule but has no static Visible.");
        return (LambdaExpression)property.GetValue(null)!;
    }

    // EF Core evaluates a filter against the context running the query when the filter refers to the context the
    // model was built with: so the rule's context parameter becomes that context, as `this` would in OnModelCreating.
    private static LambdaExpression Bind(LambdaExpression rule, CareMarketDb db)
    {
        var body = new Replace(rule.Parameters[0], Expression.Constant(db)).Visit(rule.Body);
        return Expression.Lambda(body, rule.Parameters[1]);
    }

    private sealed class Replace(ParameterExpression from, Expression to) : ExpressionVisitor
    {
        protected override Expression VisitParameter(ParameterExpression node) => node == from ? to : node;
    }
}
