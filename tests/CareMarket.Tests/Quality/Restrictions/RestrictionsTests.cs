using CareMarket.Data;
using CareMarket.Quality.Restrictions;
using CareMarket.Register;
using Microsoft.EntityFrameworkCore;

namespace CareMarket.Tests.Quality.Restrictions;

/// <summary>Restrictions in the database, on both engines: the same rule as in memory, one unlifted at a time, never deleted.</summary>
public class RestrictionsTests
{
    private static async Task<(int Council, int Other, int Service)> RegisterAsync(TestDatabase database)
    {
        await using var db = database.NewContext();
        var council = new LocalAuthority { OnsCode = "E06099101", Name = "Northbridge", Region = "East Midlands" };
        var other = new LocalAuthority { OnsCode = "E06099102", Name = "Eastholm", Region = "East Midlands" };
        var provider = new Provider { Name = "Oak Care Ltd" };
        db.AddRange(council, other, provider);
        await db.SaveChangesAsync();
        var service = new Service { Name = "Oak Tree Nursing Home", ProviderId = provider.Id, ServiceType = ServiceType.CareHomeWithNursing, HostLocalAuthorityId = council.Id };
        db.Services.Add(service);
        await db.SaveChangesAsync();
        return (council.Id, other.Id, service.Id);
    }

    [Theory]
    [BothEngines]
    public async Task The_database_finds_in_force_exactly_the_restrictions_the_rule_does(Engine engine)
    {
        await using var database = await TestDatabase.CreateAsync(engine);
        var (council, _, service) = await RegisterAsync(database);
        var now = database.Clock.GetUtcNow().UtcDateTime;
        var today = DateOnly.FromDateTime(now);
        await using (var db = database.NewContext())
        {
            // Each a separate history row (lifted, or not): the unique index allows one unlifted per council and service.
            var rows = new (DateOnly From, DateTime? Lifted)[]
            {
                (today.AddDays(-90), now.AddDays(-30)), // lifted last month
                (today.AddDays(-10), now.AddMinutes(5)), // lifted "in five minutes": a clock a little ahead on another machine
                (today.AddDays(-3), now.AddSeconds(-1)), // lifted a second ago
                (today, null),                            // from today, not lifted
            };
            foreach (var (from, lifted) in rows)
            {
                db.ServiceRestrictions.Add(new ServiceRestriction
                {
                    LocalAuthorityId = council, ServiceId = service, Kind = RestrictionKind.Suspension, Reason = RestrictionReason.QualityConcerns,
                    StartsOn = from, CreatedAt = now, CreatedBy = "quality", LiftedAt = lifted, LiftedBy = lifted is null ? null : "quality",
                });
            }
            await db.SaveChangesAsync();
        }

        await using var check = database.NewContext();
        var all = await check.ServiceRestrictions.AsNoTracking().OrderBy(r => r.Id).ToListAsync();
        foreach (var at in new[] { now, now.AddDays(-1), now.AddDays(-20), now.AddDays(-95), now.AddMinutes(10) })
        {
            var inDatabase = await check.ServiceRestrictions.Where(ServiceRestrictions.ActiveAt(at)).OrderBy(r => r.Id).Select(r => r.Id).ToListAsync();
            inDatabase.ShouldBe(all.Where(r => ServiceRestrictions.IsActive(r, at)).Select(r => r.Id).ToList(), $"at {at:O}");
        }
        (await check.ServiceRestrictions.CountAsync(ServiceRestrictions.ActiveAt(now))).ShouldBe(2);
    }

    [Theory]
    [BothEngines]
    public async Task Placed_once_lifted_with_the_version_read_kept_forever_and_kept_to_its_council(Engine engine)
    {
        await using var database = await TestDatabase.CreateAsync(engine);
        var (council, other, service) = await RegisterAsync(database);
        await using var quality = database.NewContext(new Actor("quality@northbridge.example", council));
        var today = DateOnly.FromDateTime(quality.Now);
        var restrictions = new ServiceRestrictions(quality);

        var (placed, id) = await restrictions.AddAsync(service, new NewRestriction(RestrictionKind.Suspension, RestrictionReason.Safeguarding, " Section 42 enquiry ", today, today.AddDays(28)));
        placed.ShouldBeAssignableTo<Decision.Allowed>();
        // A second while the first is not lifted: refused by the service, and by the database if two race.
        (await restrictions.AddAsync(service, new NewRestriction(RestrictionKind.Embargo, RestrictionReason.Other, "x", today, null))).ShouldBeOfType<Decision.Conflict>();
        await using (var racing = database.NewContext())
        {
            racing.ServiceRestrictions.Add(new ServiceRestriction { LocalAuthorityId = council, ServiceId = service, StartsOn = today, CreatedBy = "race" });
            await Should.ThrowAsync<DbUpdateException>(() => racing.SaveChangesAsync());
        }

        // Another council sees none of it, cannot lift it, and may place its own.
        await using var eastholm = database.NewContext(new Actor("commissioner@eastholm.example", other));
        (await new ServiceRestrictions(eastholm).ListAsync(service)).ShouldNotBeNull().ShouldBeEmpty();
        (await new ServiceRestrictions(eastholm).LiftAsync(service, id!.Value, "not ours", 0)).ShouldBeOfType<Decision.NotFound>();
        (await new ServiceRestrictions(eastholm).AddAsync(service, new NewRestriction(RestrictionKind.Embargo, RestrictionReason.ContractDefault, null, today, null))).ShouldBeAssignableTo<Decision.Allowed>();

        var view = (await restrictions.ListAsync(service)).ShouldNotBeNull().ShouldHaveSingleItem();
        view.Active.ShouldBeTrue();
        view.Details.ShouldBe("Section 42 enquiry");
        (await restrictions.LiftAsync(service, id.Value, "Enquiry closed", view.Version + 1)).ShouldBeOfType<Decision.Conflict>();
        (await restrictions.LiftAsync(service, id.Value, " ", view.Version)).ShouldBeOfType<Decision.Invalid>();
        (await restrictions.LiftAsync(service, id.Value, "Enquiry closed, no further concerns", view.Version)).ShouldBeAssignableTo<Decision.Allowed>();
        (await restrictions.LiftAsync(service, id.Value, "again", view.Version + 1)).ShouldBeOfType<Decision.Conflict>();

        var lifted = (await restrictions.ListAsync(service)).ShouldNotBeNull().ShouldHaveSingleItem();
        lifted.Active.ShouldBeFalse();
        lifted.LiftedBy.ShouldBe("quality@northbridge.example");
        lifted.LiftReason.ShouldBe("Enquiry closed, no further concerns");
        // Lifted, another may be placed.
        (await restrictions.AddAsync(service, new NewRestriction(RestrictionKind.Embargo, RestrictionReason.QualityConcerns, null, today, null))).ShouldBeAssignableTo<Decision.Allowed>();

        // Every write audited, as who made it.
        await using var system = database.NewContext();
        var audit = await system.AuditEntries.Where(a => a.EntityType == nameof(ServiceRestriction)).OrderBy(a => a.Id).ToListAsync();
        audit.Select(a => (a.UserName, a.Action)).ShouldBe([
            ("quality@northbridge.example", "Added"), ("commissioner@eastholm.example", "Added"),
            ("quality@northbridge.example", "Modified"), ("quality@northbridge.example", "Added")]);
        audit[2].After!.ShouldContain("Enquiry closed");

        // The history is never deleted: not by the application, not by SQL.
        var row = await system.ServiceRestrictions.FirstAsync(r => r.Id == id);
        system.ServiceRestrictions.Remove(row);
        await Should.ThrowAsync<InvalidOperationException>(() => system.SaveChangesAsync());
        await Should.ThrowAsync<Exception>(() => system.Database.ExecuteSqlRawAsync("""DELETE FROM "ServiceRestrictions" """));
        await using var after = database.NewContext();
        (await after.ServiceRestrictions.CountAsync()).ShouldBe(3);
    }

    [Theory]
    [BothEngines]
    public async Task A_provider_sees_that_its_service_is_suspended_but_not_why_and_a_partner_sees_nothing(Engine engine)
    {
        await using var database = await TestDatabase.CreateAsync(engine);
        var (council, _, service) = await RegisterAsync(database);
        int provider;
        await using (var db = database.NewContext()) provider = await db.Services.Where(s => s.Id == service).Select(s => s.ProviderId).FirstAsync();
        await using (var quality = database.NewContext(new Actor("quality", council)))
        {
            (await new ServiceRestrictions(quality).AddAsync(service, new NewRestriction(RestrictionKind.Suspension, RestrictionReason.Safeguarding,
                "Named staff member under investigation", DateOnly.FromDateTime(quality.Now), null))).ShouldBeAssignableTo<Decision.Allowed>();
        }

        await using var own = database.NewContext(new Actor("manager", council, provider));
        var seen = (await new ServiceRestrictions(own).ListAsync(service)).ShouldNotBeNull().ShouldHaveSingleItem();
        seen.Council.ShouldBe("Northbridge");
        seen.Kind.ShouldBe(RestrictionKind.Suspension);
        seen.Active.ShouldBeTrue();
        (seen.Reason, seen.Details, seen.CreatedBy).ShouldBe((null, null, null));
        (await new ServiceRestrictions(own).AddAsync(service, new NewRestriction(RestrictionKind.Embargo, RestrictionReason.Other, "x", DateOnly.FromDateTime(own.Now), null)))
            .ShouldBeOfType<Decision.Refused>();

        await using var stranger = database.NewContext(new Actor("other", council, provider + 1));
        (await new ServiceRestrictions(stranger).ListAsync(service)).ShouldBeNull();
        await using var partner = database.NewContext(new Actor("icb", council, IsPartner: true));
        (await new ServiceRestrictions(partner).ListAsync(service)).ShouldNotBeNull().ShouldBeEmpty();
        (await partner.ServiceRestrictions.CountAsync()).ShouldBe(0);
    }
}
