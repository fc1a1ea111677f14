using CareMarket.Register;
using CareMarket.Register.CqcFiles;

namespace CareMarket.Tests.Register.CqcFiles;

public class CqcMappingsTests
{
    [Theory]
    [InlineData(new[] { "Care home service with nursing", "Care home service without nursing", "Domiciliary care service" }, ServiceType.CareHomeWithNursing)]
    [InlineData(new[] { "Domiciliary care service", "Care home service without nursing" }, ServiceType.CareHomeWithoutNursing)]
    [InlineData(new[] { "Domiciliary care service", "Extra Care housing services" }, ServiceType.ExtraCareHousing)]
    [InlineData(new[] { "Domiciliary care service", "Shared Lives" }, ServiceType.SharedLives)]
    [InlineData(new[] { "Domiciliary care service", "Supported living service" }, ServiceType.Homecare)]
    [InlineData(new[] { "Supported living service" }, ServiceType.SupportedLiving)]
    [InlineData(new[] { "Domiciliary care service" }, ServiceType.Homecare)]
    [InlineData(new[] { "Hospice services", "Doctors consultation service" }, ServiceType.Other)]
    [InlineData(new string[0], ServiceType.Other)]
    // The care directory's words.
    [InlineData(new[] { "Homecare agencies", "Residential homes", "Nursing homes", "Supported living" }, ServiceType.CareHomeWithNursing)]
    [InlineData(new[] { "Homecare agencies", "Supported living" }, ServiceType.Homecare)]
    [InlineData(new[] { "Homecare agencies" }, ServiceType.Homecare)]
    [InlineData(new[] { "Residential homes", "Homecare agencies" }, ServiceType.CareHomeWithoutNursing)]
    [InlineData(new[] { "Doctors/GPs" }, ServiceType.Other)]
    public void MainServiceType_FollowsThePrecedence(string[] cqcTypes, ServiceType expected)
    {
        CqcMappings.MainServiceType(cqcTypes).ShouldBe(expected);
    }

    [Fact]
    public void MainServiceType_IgnoresCaseAndSpacing()
    {
        CqcMappings.MainServiceType(["  care HOME service  with nursing "]).ShouldBe(ServiceType.CareHomeWithNursing);
    }

    [Fact]
    public void Precedence_PutsNursingBeforeResidentialBeforeHomecare()
    {
        var p = CqcMappings.Precedence.ToList();
        p.IndexOf(ServiceType.CareHomeWithNursing).ShouldBeLessThan(p.IndexOf(ServiceType.CareHomeWithoutNursing));
        p.IndexOf(ServiceType.CareHomeWithoutNursing).ShouldBeLessThan(p.IndexOf(ServiceType.Homecare));
        // An agency that also lists supported living is bought as homecare.
        p.IndexOf(ServiceType.Homecare).ShouldBeLessThan(p.IndexOf(ServiceType.SupportedLiving));
        p.IndexOf(ServiceType.ExtraCareHousing).ShouldBeLessThan(p.IndexOf(ServiceType.Homecare));
    }

    [Theory]
    [InlineData("Dementia", Specialism.Dementia)]
    [InlineData("Learning disabilities", Specialism.LearningDisability)]
    [InlineData("Mental health", Specialism.MentalHealth)]
    [InlineData("Physical disability", Specialism.PhysicalDisability)]
    [InlineData("Sensory impairment", Specialism.SensoryImpairment)]
    [InlineData("Substance misuse problems", Specialism.SubstanceMisuse)]
    [InlineData("Older People", Specialism.OlderPeople)]
    [InlineData("Younger Adults", Specialism.YoungerAdults)]
    [InlineData("Whole Population", Specialism.WholePopulation)]
    [InlineData("Eating disorders", Specialism.EatingDisorders)]
    [InlineData("People who misuse drugs and alcohol", Specialism.SubstanceMisuse)]
    [InlineData("Children 0-18 years", Specialism.None)]
    [InlineData("Caring for adults over 65 yrs", Specialism.OlderPeople)]
    [InlineData("Caring for adults under 65 yrs", Specialism.YoungerAdults)]
    [InlineData("Mental health conditions", Specialism.MentalHealth)]
    public void Specialisms_MapsEachBand(string band, Specialism expected)
    {
        CqcMappings.Specialisms([band]).ShouldBe(expected);
    }

    [Fact]
    public void Specialisms_CombinesFlags_AndIgnoresUnknownBands()
    {
        CqcMappings.Specialisms(["Dementia", "Caring for adults over 65 yrs", "Learning disabilities", "Something new"])
            .ShouldBe(Specialism.Dementia | Specialism.OlderPeople | Specialism.LearningDisability);
    }

    [Theory]
    [InlineData("Social Care Org", true)]
    [InlineData("social care org", true)]
    [InlineData("", true)]
    [InlineData("Primary Medical Services", false)]
    [InlineData("Independent Healthcare Org", false)]
    [InlineData("NHS Healthcare Organisation", false)]
    public void IsSocialCare_BySector(string sector, bool expected)
    {
        CqcMappings.IsSocialCare(sector).ShouldBe(expected);
    }

    [Fact]
    public void HasSocialCareType_ForDirectoryWords()
    {
        CqcMappings.HasSocialCareType(["Doctors/GPs", "Homecare agencies"]).ShouldBeTrue();
        CqcMappings.HasSocialCareType(["Doctors/GPs", "Dentist"]).ShouldBeFalse();
    }
}
