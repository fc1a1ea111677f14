namespace CareMarket.Register;

/// <summary>How the register's values read to a commissioner, on pages and in exports.</summary>
public static class RegisterWords
{
    public static string Of(ServiceType type) => type switch
    {
        ServiceType.CareHomeWithoutNursing => "Care home without nursing",
        ServiceType.CareHomeWithNursing => "Care home with nursing",
        ServiceType.Homecare => "Homecare",
        ServiceType.SupportedLiving => "Supported living",
        ServiceType.ExtraCareHousing => "Extra care housing",
        ServiceType.DayOpportunities => "Day opportunities",
        ServiceType.RespiteAndShortBreaks => "Respite and short breaks",
        ServiceType.Reablement => "Reablement",
        ServiceType.SharedLives => "Shared lives",
        ServiceType.Advocacy => "Advocacy",
        _ => "Other",
    };

    public static string Of(Specialism specialism) => specialism switch
    {
        Specialism.Dementia => "Dementia",
        Specialism.LearningDisability => "Learning disability",
        Specialism.Autism => "Autism",
        Specialism.MentalHealth => "Mental health",
        Specialism.PhysicalDisability => "Physical disability",
        Specialism.SensoryImpairment => "Sensory impairment",
        Specialism.SubstanceMisuse => "Substance misuse",
        Specialism.OlderPeople => "Older people",
        Specialism.YoungerAdults => "Younger adults",
        Specialism.EndOfLifeCare => "End of life care",
        Specialism.EatingDisorders => "Eating disorders",
        Specialism.WholePopulation => "Whole population",
        _ => specialism.ToString(),
    };

    public static IEnumerable<Specialism> Each(Specialism specialisms) =>
        Enum.GetValues<Specialism>().Where(s => s != Specialism.None && specialisms.HasFlag(s));

    public static string List(Specialism specialisms) => string.Join(", ", Each(specialisms).Select(Of));

    public static string Of(ContractArrangement? arrangement) => arrangement switch
    {
        ContractArrangement.Framework => "Framework",
        ContractArrangement.BlockContract => "Block contract",
        ContractArrangement.SpotPurchase => "Spot purchase",
        ContractArrangement.DynamicPurchasingSystem => "Dynamic purchasing system",
        ContractArrangement.InHouse => "In-house",
        _ => "No contract",
    };

    public static string Of(ServiceStatus status) => status switch
    {
        ServiceStatus.Exited => "Exited",
        _ => "Active",
    };

    public static string Of(RegisterScope scope) => scope switch
    {
        RegisterScope.OurArea => "Our area",
        RegisterScope.OurAreaAndNeighbours => "Our area and neighbours",
        _ => "All of England",
    };

    public static string Of(KeyQuestion question) => question switch
    {
        KeyQuestion.WellLed => "Well-led",
        _ => question.ToString(),
    };
}
