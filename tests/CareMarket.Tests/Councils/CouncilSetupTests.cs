using System.Text;
using CareMarket.Councils;
using CareMarket.Data;
using CareMarket.Register;
using Microsoft.EntityFrameworkCore;

namespace CareMarket.Tests.Councils;

/// <summary>Setting up a council from the list: the council, its neighbours, its areas, and the services attached.</summary>
public class CouncilSetupTests
{
    /// <summary>A service already in the register, as a CQC sync leaves it before its council is known: no host, no area.</summary>
    private static async Task<Service> UnattachedAsync(TestDatabase database, string cqcLocalAuthority, string postcode)
    {
        await using var data = database.Data();
        var provider = await data.ProviderAsync();
        await using var db = database.NewContext();
        var service = new Service
        {
            CqcLocationId = $"1-6{Guid.NewGuid().ToString("N")[..9]}", ProviderId = provider.Id, Name = $"Home in {cqcLocalAuthority}",
            CqcLocalAuthority = cqcLocalAuthority, Postcode = postcode, Status = ServiceStatus.Active, UpdatedAt = db.Now,
        };
        db.AuditEachRow = false;
        db.Services.Add(service);
        await db.SaveChangesAsync();
        return service;
    }

    private static async Task<T> CreatedAsync<T>(Task<Decision> decision) =>
        (await decision).ShouldBeOfType<Decision.Created<T>>().Value;

    [Theory]
    [BothEngines]
    public async Task Add_CreatesTheCouncilFromTheList_AttachesItsServicesBySpelling_AndAuditsEachChange(Engine engine)
    {
        await using var database = await TestDatabase.CreateAsync(engine);
        var oldham = await UnattachedAsync(database, "Oldham", "OL1 1AA");
        var shouting = await UnattachedAsync(database, " OLDHAM ", "OL8 2BB");
        var rochdale = await UnattachedAsync(database, "Rochdale", "OL16 1AA");
        await using var db = database.NewContext(Actor.SystemAs("cli:test"));
        var setup = new CouncilSetup(db);

        var added = await CreatedAsync<CouncilAdded>(setup.AddTenantAsync("e08000004"));
        var again = await CreatedAsync<CouncilAdded>(setup.AddTenantAsync("E08000004"));

        added.ShouldBe(new CouncilAdded(added.Id, "E08000004", "Oldham", AlreadyTenant: false, ServicesAttached: 2));
        again.AlreadyTenant.ShouldBeTrue();
        again.ServicesAttached.ShouldBe(0);
        await using var check = database.NewContext();
        var council = await check.LocalAuthorities.SingleAsync();
        (council.OnsCode, council.Name, council.Region, council.CqcName, council.IsTenant).ShouldBe(("E08000004", "Oldham", "North West", "Oldham", true));
        var hosts = await check.Services.ToDictionaryAsync(s => s.Id, s => s.HostLocalAuthorityId);
        hosts[oldham.Id].ShouldBe(council.Id);
        hosts[shouting.Id].ShouldBe(council.Id);
        hosts[rochdale.Id].ShouldBeNull();
        var audit = await check.AuditEntries.Where(a => a.UserName == "cli:test").ToListAsync();
        audit.ShouldContain(a => a.EntityType == nameof(LocalAuthority) && a.Action == "Added" && a.After!.Contains("E08000004"));
        audit.Count(a => a.EntityType == nameof(Service) && a.Action == "Modified").ShouldBe(2);
    }

    [Theory]
    [BothEngines]
    public async Task Add_RefusesACodeNotInTheList_OfferingTheClosest_AndACeasedCouncil_NamingItsSuccessors(Engine engine)
    {
        await using var database = await TestDatabase.CreateAsync(engine);
        await using var db = database.NewContext(Actor.SystemAs("cli:test"));
        var setup = new CouncilSetup(db);

        var unknown = (await setup.AddTenantAsync("E08000044")).ShouldBeOfType<Decision.Refused>();
        var ceased = (await setup.AddTenantAsync("E10000006")).ShouldBeOfType<Decision.Refused>();
        var asAdministrator = await new CouncilSetup(database.NewContext(new Actor("admin@oldham.example", 1, null))).AddTenantAsync("E08000004");

        unknown.Reason.ShouldStartWith("\"E08000044\" is not the ONS code of an English council with adult social care responsibilities. Did you mean: ");
        unknown.Reason.ShouldContain("Oldham (E08000004)");
        ceased.Reason.ShouldBe("Cumbria (E10000006) ceased on 1 April 2023; its area is now Cumberland (E06000063) and Westmorland and Furness (E06000064)");
        asAdministrator.ShouldBeOfType<Decision.Forbidden>();
        (await db.LocalAuthorities.CountAsync()).ShouldBe(0);
        (await db.AuditEntries.CountAsync()).ShouldBe(0);
    }

    [Theory]
    [BothEngines]
    public async Task Neighbours_AreAddedBothWays_WithTheirServices_AllOrNone(Engine engine)
    {
        await using var database = await TestDatabase.CreateAsync(engine);
        var rochdale = await UnattachedAsync(database, "Rochdale", "OL16 1AA");
        await using var db = database.NewContext(Actor.SystemAs("cli:test"));
        var setup = new CouncilSetup(db);
        var oldham = await CreatedAsync<CouncilAdded>(setup.AddTenantAsync("E08000004"));

        var refused = await setup.AddNeighboursAsync(oldham.Id, ["E08000005", "E08000099", "E10000006", "E08000004"]);
        var added = await CreatedAsync<NeighboursAdded>(setup.AddNeighboursAsync(oldham.Id, ["E08000005", "e08000003", "E08000005"]));
        var again = await CreatedAsync<NeighboursAdded>(setup.AddNeighboursAsync(oldham.Id, ["E08000003"]));

        var errors = refused.ShouldBeOfType<Decision.Invalid>().Errors.Select(e => e.Message).ToList();
        errors.Count.ShouldBe(3);
        errors[0].ShouldStartWith("\"E08000099\" is not the ONS code");
        errors[1].ShouldBe("Cumbria (E10000006) ceased on 1 April 2023; choose Cumberland (E06000063) or Westmorland and Furness (E06000064)");
        errors[2].ShouldBe("Oldham cannot be its own neighbour");
        added.Added.ShouldBe(["Rochdale", "Manchester"]);
        added.ServicesAttached.ShouldBe(1);
        again.Added.ShouldBeEmpty();
        again.AlreadyNeighbours.ShouldBe(["Manchester"]);
        await using var check = database.NewContext();
        var codes = await check.LocalAuthorities.ToDictionaryAsync(c => c.Id, c => c.OnsCode);
        (await check.Neighbours.ToListAsync()).Select(n => $"{codes[n.LocalAuthorityId]}>{codes[n.NeighbourId]}").Order()
            .ShouldBe(["E08000003>E08000004", "E08000004>E08000003", "E08000004>E08000005", "E08000005>E08000004"]);
        (await check.LocalAuthorities.Where(c => c.OnsCode != "E08000004").AllAsync(c => !c.IsTenant)).ShouldBeTrue();
        (await check.Services.SingleAsync(s => s.Id == rochdale.Id)).HostLocalAuthorityId.ShouldBe(
            await check.LocalAuthorities.Where(c => c.OnsCode == "E08000005").Select(c => c.Id).SingleAsync());
        (await check.AuditEntries.CountAsync(a => a.EntityType == nameof(LocalAuthorityNeighbour))).ShouldBe(4);
    }

    [Theory]
    [BothEngines]
    public async Task Areas_Import_PlacesEveryServiceByDistrict_AndAFailedImportWritesNothing(Engine engine)
    {
        await using var database = await TestDatabase.CreateAsync(engine);
        var north = await UnattachedAsync(database, "Oldham", "OL1 1AA");
        var south = await UnattachedAsync(database, "Oldham", "OL8 2BB");
        var elsewhere = await UnattachedAsync(database, "Oldham", "M35 9AA");
        await using var db = database.NewContext(Actor.SystemAs("cli:test"));
        var setup = new CouncilSetup(db);
        var oldham = await CreatedAsync<CouncilAdded>(setup.AddTenantAsync("E08000004"));
        Stream Csv(string text) => new MemoryStream(Encoding.UTF8.GetBytes(text));

        var first = await CreatedAsync<AreasImported>(setup.ImportAreasAsync(oldham.Id,
            Csv("area,kind,district\nNorth,locality,OL1\nNorth,locality,OL2\nSouth,locality,OL8\nNorth patch,patch,OL1\n"), "areas.csv"));
        await using var check = database.NewContext();
        var areas = await check.Areas.ToDictionaryAsync(a => a.Name, a => a.Id);
        async Task<Dictionary<int, int?>> PlacesAsync() => await check.Services.AsNoTracking().ToDictionaryAsync(s => s.Id, s => s.AreaId);
        var placed = await PlacesAsync();
        var auditBefore = await check.AuditEntries.CountAsync();

        // OL8 moves to North; then a file with one bad row writes nothing at all.
        var moved = await CreatedAsync<AreasImported>(setup.ImportAreasAsync(oldham.Id,
            Csv("area,kind,district\nNorth,locality,OL1\nNorth,locality,OL2\nNorth,locality,OL8\nSouth,locality,OL9\n"), "move.csv"));
        var afterMove = await PlacesAsync();
        var auditAfterMove = await check.AuditEntries.CountAsync();
        var failed = await setup.ImportAreasAsync(oldham.Id, Csv("area,kind,district\nSouth,locality,OL8\nEast,locality,OL1\nEast,district,OL4\n"), "bad.csv");

        (first.Added, first.Changed, first.Unchanged, first.ServicesPlaced).ShouldBe((3, 0, 0, 2));
        first.LeftAsTheyAre.ShouldBeEmpty();
        placed[north.Id].ShouldBe(areas["North"]);
        placed[south.Id].ShouldBe(areas["South"]);
        placed[elsewhere.Id].ShouldBeNull();
        (moved.Added, moved.Changed, moved.Unchanged, moved.ServicesPlaced).ShouldBe((0, 2, 0, 1));
        moved.LeftAsTheyAre.ShouldBe(["North patch"]);
        afterMove[south.Id].ShouldBe(areas["North"]);
        auditAfterMove.ShouldBe(auditBefore + 3); // two areas and one service changed
        failed.ShouldBeOfType<Decision.Refused>().Reason.ShouldBe(
            "bad.csv, row 4, column \"kind\": \"district\" is not a kind of area; use locality, patch (or homecare patch), or ward");
        (await check.Areas.AsNoTracking().OrderBy(a => a.Name).Select(a => $"{a.Name} {a.PostcodeDistricts}").ToListAsync())
            .ShouldBe(["North OL1 OL2 OL8", "North patch OL1", "South OL9"]);
        (await PlacesAsync()).ShouldBe(afterMove);
        (await check.AuditEntries.CountAsync()).ShouldBe(auditAfterMove);
    }

    [Theory]
    [BothEngines]
    public async Task Area_SavedFromTheForm_IsChecked_PlacesServices_AndOnlyTheCouncilsOwnAdministratorMayChangeIt(Engine engine)
    {
        await using var database = await TestDatabase.CreateAsync(engine);
        var service = await UnattachedAsync(database, "Oldham", "OL4 1AA");
        int oldham;
        await using (var cli = database.NewContext(Actor.SystemAs("cli:test")))
        {
            var setup = new CouncilSetup(cli);
            oldham = (await CreatedAsync<CouncilAdded>(setup.AddTenantAsync("E08000004"))).Id;
            await CreatedAsync<int>(setup.SaveAreaAsync(oldham, null, "North", "Locality", "OL1, OL2"));
        }
        var administrator = new CouncilSetup(database.NewContext(new Actor("admin@oldham.example", oldham, null)));
        var otherCouncil = new CouncilSetup(database.NewContext(new Actor("admin@rochdale.example", oldham + 100, null)));

        var invalid = await administrator.SaveAreaAsync(oldham, null, "north", "borough", "OL2 OL4 1AA");
        var east = await CreatedAsync<int>(administrator.SaveAreaAsync(oldham, null, "East", "locality", "ol4 OL3"));
        var forbidden = await otherCouncil.SaveAreaAsync(oldham, east, "East", "Locality", "OL5");

        invalid.ShouldBeOfType<Decision.Invalid>().Errors.Select(e => $"{e.Field}: {e.Message}").ShouldBe([
            "Kind: Choose whether the area is a locality or a homecare patch",
            "Districts: \"1AA\" is not a postcode district (one or two letters, then one or two digits, as in OL1, OL16 or SW1A)",
        ]);
        forbidden.ShouldBeOfType<Decision.Forbidden>();
        var nameTaken = await administrator.SaveAreaAsync(oldham, null, "NORTH", "Locality", "OL9");
        nameTaken.ShouldBeOfType<Decision.Invalid>().Errors.ShouldHaveSingleItem().Message.ShouldBe("The council already has an area called \"NORTH\"");
        var overlap = await administrator.SaveAreaAsync(oldham, east, "East", "Locality", "OL4 OL2");
        overlap.ShouldBeOfType<Decision.Invalid>().Errors.ShouldHaveSingleItem().Message
            .ShouldBe("OL2 is already in the locality \"North\"; a postcode district is in one locality only");
        await using var check = database.NewContext();
        (await check.Areas.SingleAsync(a => a.Id == east)).PostcodeDistricts.ShouldBe("OL4 OL3");
        (await check.Services.SingleAsync(s => s.Id == service.Id)).AreaId.ShouldBe(east);
        (await check.AuditEntries.CountAsync(a => a.UserName == "admin@oldham.example" && a.EntityType == nameof(Area))).ShouldBe(1);
    }

    [Theory]
    [BothEngines]
    public async Task LaterSyncs_AttachNewServices_ByAnyOfTheCouncilsSpellings_AndPlaceThemByDistrict(Engine engine)
    {
        await using var database = await TestDatabase.CreateAsync(engine);
        int sthelens, central;
        await using (var cli = database.NewContext(Actor.SystemAs("cli:test")))
        {
            var setup = new CouncilSetup(cli);
            sthelens = (await CreatedAsync<CouncilAdded>(setup.AddTenantAsync("E08000013"))).Id;
            central = await CreatedAsync<int>(setup.SaveAreaAsync(sthelens, null, "Central", "Locality", "WA9 WA10"));
        }
        await using var db = database.NewContext();
        var writer = new RegisterWriter(db, "test");
        await writer.UpsertLocationsAsync([
            new CqcLocation { LocationId = "1-501", ProviderId = "1-P5", Name = "Dotted", LocalAuthority = "St. Helens", Postcode = "WA10 1AA" },
            new CqcLocation { LocationId = "1-502", ProviderId = "1-P5", Name = "Undotted", LocalAuthority = "St Helens", Postcode = "WA11 1AA" },
            new CqcLocation { LocationId = "1-503", ProviderId = "1-P5", Name = "Elsewhere", LocalAuthority = "Wigan", Postcode = "WN1 1AA" },
        ]);
        await writer.FinishAsync();

        var services = await db.Services.AsNoTracking().OrderBy(s => s.CqcLocationId).Select(s => new { s.HostLocalAuthorityId, s.AreaId }).ToListAsync();
        services[0].ShouldBe(new { HostLocalAuthorityId = (int?)sthelens, AreaId = (int?)central });
        services[1].ShouldBe(new { HostLocalAuthorityId = (int?)sthelens, AreaId = (int?)null });
        services[2].ShouldBe(new { HostLocalAuthorityId = (int?)null, AreaId = (int?)null });
    }
}
