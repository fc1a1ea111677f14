namespace CareMarket.Testing;

/// <summary>
/// The CQC active locations file's columns as CQC publishes them (about 100, the wide Y/N columns included): one
/// catalogue for the test fixtures and the benchmark's national-scale generator.
/// </summary>
public static class CqcCatalogue
{
    public static readonly string[] RegulatedActivities =
    [
        "Accommodation for persons who require nursing or personal care",
        "Accommodation for persons who require treatment for substance misuse",
        "Assessment or medical treatment for persons detained under the Mental Health Act 1983",
        "Diagnostic and screening procedures", "Family planning services",
        "Management of supply of blood and blood derived products", "Maternity and midwifery services",
        "Nursing care", "Personal care", "Services in slimming clinics", "Surgical procedures",
        "Termination of pregnancies", "Transport services, triage and medical advice provided remotely",
        "Treatment of disease, disorder or injury",
    ];

    public static readonly string[] ServiceTypes =
    [
        "Acute services with overnight beds", "Ambulance service", "Care home service with nursing",
        "Care home service without nursing", "Community based services for people who misuse substances",
        "Community based services for people with a learning disability",
        "Community based services for people with mental health needs", "Community healthcare service",
        "Dental service", "Diagnostic and/or screening service", "Doctors consultation service", "Doctors treatment service",
        "Domiciliary care service", "Extra Care housing services", "Hospice services", "Hospice services at home",
        "Long term conditions services", "Mobile doctors service", "Rehabilitation services",
        "Residential substance misuse treatment and rehabilitation service", "Shared Lives", "Specialist college service",
        "Supported living service", "Urgent care services",
    ];

    public static readonly string[] ServiceUserBands =
    [
        "Children 0-18 years", "Dementia", "Learning disabilities", "Mental health", "Older People",
        "Physical disability", "Sensory impairment", "Substance misuse problems", "Whole Population", "Younger Adults",
        "Eating disorders",
    ];

    public static readonly string[] ActiveHeader =
    [
        "Location ID", "Location ODS Code", "Location Name", "Care home?", "Location Type/Sector",
        "Location Inspection Directorate", "Location Primary Inspection Category", "Location Latest Overall Rating",
        "Publication Date", "Location HSCA start date", "Dormant (Y/N)", "Care homes beds", "Location Street Address",
        "Location Address Line 2", "Location City", "Location County", "Location Postal Code",
        "Location Telephone Number", "Location Web Address", "Location Region", "Location NHS Region",
        "Location Local Authority", "Location ONSPD CCG Code", "Location ONSPD CCG", "Location Commissioning CCG Code",
        "Location Commissioning CCG", "Location Parliamentary Constituency", "Location Latitude", "Location Longitude",
        "Brand ID", "Brand Name", "Provider ID", "Provider Name", "Provider HSCA start date",
        "Provider Companies House Number", "Provider Charity Number", "Provider Type/Sector",
        "Provider Inspection Directorate", "Provider Primary Inspection Category", "Provider Ownership Type",
        "Provider Telephone Number", "Provider Web Address", "Provider Street Address", "Provider Address Line 2",
        "Provider City", "Provider County", "Provider Postal Code", "Provider Local Authority", "Provider Region",
        "Provider Nominated Individual Name", "Provider Main Partner Name", "Provider Latitude", "Provider Longitude",
        "Provider Parliamentary Constituency",
        .. RegulatedActivities.Select(a => "Regulated activity - " + a),
        .. ServiceTypes.Select(t => "Service type - " + t),
        .. ServiceUserBands.Select(b => "Service user band - " + b),
    ];
}
