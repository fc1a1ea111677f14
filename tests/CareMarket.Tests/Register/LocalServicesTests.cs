using System.Text;
using CareMarket.Data;
using CareMarket.Files;
using CareMarket.Register;
using Microsoft.EntityFrameworkCore;

namespace CareMarket.Tests.Register;

/// <summary>Services CQC does not register, kept by the council that adds them: the rules, the CSV, the use cases.</summary>
public class LocalServicesTests
{
    private static LocalServiceInput DayService(string name = "Riverside Day Centre", string postcode = "NB4 5XY") => new()
    {
        Name = name, ProviderName = "Northbridge Community Trust", ServiceType = ServiceType.DayOpportunities,
        Specialisms = Specialism.LearningDisability, Street = "1 Mill Lane", City = "Northbridge", Postcode = postcode,
    };

    [Theory]
    [InlineData("NB4 5XY", true)]
    [InlineData("nb45xy", true)]
    [InlineData("SW1A 1AA", true)]
    [InlineData("M1 1AE", true)]
    [InlineData("NB4", false)]
    [InlineData("12345", false)]
    [InlineData("NB4 5X", false)]
    public void Postcodes_AreRecognisedByTheirShape(string postcode, bool real) =>
        LocalServiceRules.IsPostcode(postcode).ShouldBe(real);

    [Fact]
    public void Problems_NameEachField_InAFormsWords()
    {
        LocalServiceRules.Problems(DayService()).ShouldBeEmpty();
        LocalServiceRules.TidyPostcode("nb45xy").ShouldBe("NB4 5XY");

        var fields = LocalServiceRules.Problems(new LocalServiceInput { Postcode = "nowhere", Website = "www.example.org", RegisteredBeds = 4, ServiceType = ServiceType.Advocacy })
            .Select(e => e.Field).ToList();
        fields.ShouldBe(["Name", "ProviderName", "Postcode", "Website", "RegisteredBeds"], ignoreOrder: true);
        LocalServiceRules.Problems(DayService() with { ServiceType = ServiceType.RespiteAndShortBreaks, RegisteredBeds = 0 })
            .ShouldHaveSingleItem().Message.ShouldContain("from 1 to 500");
    }

    private static MemoryStream Csv(string text) => new(Encoding.UTF8.GetBytes(text));

    [Fact]
    public void File_ReadsEveryRow_ColumnsInAnyOrder_TypesAndSpecialismsInWords()
    {
        var rows = LocalServiceFile.Read(Csv("""
            Postcode,Service name,Provider name,Service type,Specialisms,Beds
            NB4 5XY,Riverside Day Centre,Northbridge Community Trust,Day opportunities,Learning disability|Autism,
            nb7 2aa,Northbridge Advocacy,Voice Northbridge,advocacy,,
            NB5 1AB,Elm Lodge Respite,Elm Trust,Respite and short breaks,Dementia; Older people,6
            """), "services.csv");
        rows.Count.ShouldBe(3);
        rows[0].Specialisms.ShouldBe(Specialism.LearningDisability | Specialism.Autism);
        rows[1].ServiceType.ShouldBe(ServiceType.Advocacy);
        rows[2].RegisteredBeds.ShouldBe(6);
        rows[2].Specialisms.ShouldBe(Specialism.Dementia | Specialism.OlderPeople);
    }

    [Theory]
    [InlineData("Service name,Provider name,Postcode\nA,B,NB4 5XY\n", "Service type", null)]
    [InlineData("Service name,Provider name,Service type,Postcode\nA,B,Lunch club,NB4 5XY\n", "Service type", 2)]
    [InlineData("Service name,Provider name,Service type,Postcode\nA,B,Advocacy,NB4\n", "Postcode", 2)]
    [InlineData("Service name,Provider name,Service type,Postcode,Specialisms\nA,B,Advocacy,NB4 5XY,Knitting\n", "Specialisms", 2)]
    [InlineData("Service name,Provider name,Service type,Postcode\nA,B,Advocacy,NB4 5XY\nA,C,Advocacy,nb45xy\n", "Service name", 3)]
    public void File_RefusesTheFirstWrongCell_NamingRowAndColumn(string csv, string column, int? row)
    {
        var e = Should.Throw<ImportFileException>(() => LocalServiceFile.Read(Csv(csv), "services.csv"));
        e.File.ShouldBe("services.csv");
        e.Column.ShouldBe(column);
        e.Row.ShouldBe(row is null ? 1 : row);
    }

    [Theory]
    [BothEngines]
    public async Task Add_PutsTheServiceInTheCouncilsArea_KeptByIt_AndAudited(Engine engine)
    {
        await using var database = await TestDatabase.CreateAsync(engine);
        await using var data = database.Data();
        var northbridge = await data.CouncilAsync("Northbridge");
        await using var db = database.NewContext(TestData.ActorFor(northbridge, Roles.Commissioner));
        var local = new LocalServices(db);

        var id = (await local.AddAsync(DayService())).ShouldBeOfType<Decision.Created<int>>().Value;
        var service = await database.NewContext().Services.Include(s => s.Provider).SingleAsync(s => s.Id == id);
        service.CqcLocationId.ShouldBeNull();
        service.KeptByLocalAuthorityId.ShouldBe(northbridge.Id);
        service.HostLocalAuthorityId.ShouldBe(northbridge.Id);
        service.AreaId.ShouldBe(northbridge.Locality.Id);
        service.Provider!.KeptByLocalAuthorityId.ShouldBe(northbridge.Id);
        service.Provider.CqcProviderId.ShouldBeNull();
        (await database.NewContext().AuditEntries.CountAsync(a => a.EntityType == "Service" && a.EntityKey == id.ToString())).ShouldBe(1);

        // Their register shows it as theirs; the same service twice is refused.
        (await new RegisterQueries(db).ListAsync(new RegisterFilter { Search = "Riverside" })).Rows.ShouldHaveSingleItem().Area.ShouldBe("Central");
        (await local.AddAsync(DayService() with { Postcode = "nb45xy" })).ShouldBeOfType<Decision.Conflict>();

        // A second service of the same provider uses the provider again.
        var second = (await local.AddAsync(DayService("Riverside Lunch Club"))).ShouldBeOfType<Decision.Created<int>>().Value;
        (await database.NewContext().Services.Where(s => s.Id == second).Select(s => s.ProviderId).SingleAsync()).ShouldBe(service.ProviderId);
    }

    [Theory]
    [BothEngines]
    public async Task Change_And_Close_OnlyByTheCouncilThatKeepsIt_AtTheVersionRead(Engine engine)
    {
        await using var database = await TestDatabase.CreateAsync(engine);
        await using var data = database.Data();
        var northbridge = await data.CouncilAsync("Northbridge");
        var eastholm = await data.CouncilAsync("Eastholm", districts: "EQ1 EQ2");
        var cqcHome = await data.ServiceAsync(northbridge);
        var provider = await data.ProviderAsync();
        await using var db = database.NewContext(TestData.ActorFor(northbridge, Roles.Commissioner));
        var local = new LocalServices(db);
        var id = (await local.AddAsync(DayService())).ShouldBeOfType<Decision.Created<int>>().Value;

        await using (var theirs = database.NewContext(TestData.ActorFor(eastholm, Roles.Commissioner)))
            (await new LocalServices(theirs).UpdateAsync(id, DayService("Taken over"), 0)).ShouldBeOfType<Decision.Forbidden>();
        await using (var providerUser = database.NewContext(TestData.ActorFor(northbridge, Roles.Provider, provider)))
            (await new LocalServices(providerUser).AddAsync(DayService("Sneaky"))).ShouldBeOfType<Decision.Forbidden>();
        (await local.UpdateAsync(cqcHome.Id, DayService(), cqcHome.Version)).ShouldBeOfType<Decision.Forbidden>().Reason.ShouldContain("CQC");

        (await local.UpdateAsync(id, DayService("Riverside Centre") with { Postcode = "NB9 9ZZ" }, 0)).ShouldBeOfType<Decision.Allowed>();
        (await local.UpdateAsync(id, DayService("Stale"), 0)).ShouldBeOfType<Decision.Conflict>();
        var changed = await database.NewContext().Services.SingleAsync(s => s.Id == id);
        changed.Name.ShouldBe("Riverside Centre");
        changed.AreaId.ShouldBeNull(); // NB9 is in none of Northbridge's areas

        (await local.CloseAsync(id, database.NewContext().Today.AddDays(1), 1)).ShouldBeOfType<Decision.Refused>();
        (await local.CloseAsync(id, TestClock.Today, 1)).ShouldBeOfType<Decision.Allowed>();
        (await database.NewContext().Services.SingleAsync(s => s.Id == id)).Status.ShouldBe(ServiceStatus.Exited);
        (await database.NewContext().ServiceExits.SingleAsync(x => x.ServiceId == id)).Source.ShouldBe(LocalServices.Source);
    }

    [Theory]
    [BothEngines]
    public async Task Import_AddsAndUpdates_OrWritesNothingWhenARowIsWrong(Engine engine)
    {
        await using var database = await TestDatabase.CreateAsync(engine);
        await using var data = database.Data();
        var northbridge = await data.CouncilAsync("Northbridge");
        await using var db = database.NewContext(TestData.ActorFor(northbridge, Roles.Commissioner));
        var local = new LocalServices(db);
        const string header = "Service name,Provider name,Service type,Postcode,Street\n";

        var done = (await local.ImportAsync(Csv(header + "Riverside Day Centre,Trust A,Day opportunities,NB4 5XY,1 Mill Lane\nVoice,Trust A,Advocacy,NB5 1AB,\n"), "a.csv")).ShouldBeOfType<Decision.Created<ImportedServices>>().Value;
        done.ShouldBe(new ImportedServices(2, 0));
        (await database.NewContext().Providers.CountAsync(p => p.KeptByLocalAuthorityId == northbridge.Id)).ShouldBe(1);

        await using (var again = database.NewContext(TestData.ActorFor(northbridge, Roles.Commissioner)))
        {
            var second = (await new LocalServices(again).ImportAsync(Csv(header + "Riverside Day Centre,Trust A,Day opportunities,NB4 5XY,2 Mill Lane\n"), "b.csv")).ShouldBeOfType<Decision.Created<ImportedServices>>().Value;
            second.ShouldBe(new ImportedServices(0, 1));
        }
        (await database.NewContext().Services.SingleAsync(s => s.Name == "Riverside Day Centre")).Street.ShouldBe("2 Mill Lane");

        var before = await database.NewContext().Services.CountAsync();
        await using (var bad = database.NewContext(TestData.ActorFor(northbridge, Roles.Commissioner)))
        {
            Should.Throw<ImportFileException>(() => new LocalServices(bad).ImportAsync(
                Csv(header + "New Place,Trust B,Day opportunities,NB4 1AA,\nBroken,Trust B,Lunch club,NB4 1AB,\n"), "c.csv")).Row.ShouldBe(3);
        }
        (await database.NewContext().Services.CountAsync()).ShouldBe(before);
    }
}
