using System.IO.Compression;
using System.Security;
using System.Text;

namespace CareMarket.Tests.Register.CqcFiles;

/// <summary>A cell of a fixture .ods: text, or a typed value with the text a spreadsheet shows.</summary>
public sealed record OdsCell(string Text, string? ValueType = null, string? Value = null, int Repeat = 1)
{
    public static implicit operator OdsCell(string text) => new(text);
    public static OdsCell Float(double v, string? shown = null) =>
        new(shown ?? v.ToString(System.Globalization.CultureInfo.InvariantCulture), "float", v.ToString("R", System.Globalization.CultureInfo.InvariantCulture));
    public static OdsCell Date(DateOnly d) => new(d.ToString("dd/MM/yyyy"), "date", d.ToString("yyyy-MM-dd"));
}

/// <summary>Real-shaped CQC files, written in code: CSV, or .ods zipped the way LibreOffice writes them.</summary>
public static class CqcFixtures
{
    public static readonly string[] RegulatedActivities = CqcCatalogue.RegulatedActivities;

    public static readonly string[] ServiceTypes = CqcCatalogue.ServiceTypes;

    public static readonly string[] ServiceUserBands = CqcCatalogue.ServiceUserBands;

    /// <summary>The active locations header: the columns CareMarket reads among the many it ignores.</summary>
    public static readonly string[] ActiveHeader = CqcCatalogue.ActiveHeader;

    public static readonly string[] DeactivatedHeader =
    [
        .. ActiveHeader.Take(10), "Location HSCA End Date", .. ActiveHeader.Skip(10).Take(2),
        "Care homes beds at point location de-activated", .. ActiveHeader.Skip(12),
    ];

    public static readonly string[] RatingsHeader =
    [
        "Location ID", "Location ODS Code", "Location Name", "Brand ID", "Brand Name", "Location Type/Sector",
        "Location Inspection Directorate", "Location Primary Inspection Category", "Location Region",
        "Location Local Authority", "Provider ID", "Provider Name", "Service / Population Group", "Domain",
        "Latest Rating", "Publication Date", "Report Type", "Inherited Rating (Y/N)", "URL",
    ];

    public static readonly string[] DirectoryPreamble =
    [
        "Care directory with filters",
        "Data as at 24 November 2026",
        "This file lists every service registered with the Care Quality Commission, with filters.",
        "",
    ];

    public static readonly string[] DirectoryHeader =
    [
        "Name", "Also known as", "Address", "Postcode", "Phone number", "Service's website (if available)",
        "Service types", "Date of latest check", "Specialisms/services", "Provider name", "Local Authority", "Region",
        "Location URL", "CQC Location ID (for office use only)", "CQC Provider ID (for office use only)",
    ];

    /// <summary>One active location. Values by column name; anything not given is blank (N for the Y/N columns).</summary>
    public sealed record Location(string Id, string Name, string ProviderId, string ProviderName)
    {
        public string CareHome { get; init; } = "Y";
        public string Sector { get; init; } = "Social Care Org";
        public string Rating { get; init; } = "Good";
        public string Published { get; init; } = "22/03/2024";
        public string Start { get; init; } = "21/10/2010";
        public string Dormant { get; init; } = "N";
        public string Beds { get; init; } = "40";
        public string Street { get; init; } = "1 High Street";
        public string City { get; init; } = "Derby";
        public string Postcode { get; init; } = "DE1 1AA";
        public string LocalAuthority { get; init; } = "Derby";
        public string Region { get; init; } = "East Midlands";
        public string Latitude { get; init; } = "52.9225";
        public string Longitude { get; init; } = "-1.4746";
        public string BrandId { get; init; } = "-";
        public string BrandName { get; init; } = "-";
        public string[] Types { get; init; } = ["Care home service with nursing", "Care home service without nursing"];
        public string[] Activities { get; init; } = ["Accommodation for persons who require nursing or personal care", "Nursing care"];
        public string[] Bands { get; init; } = ["Dementia", "Older People"];
        public string? EndedOn { get; init; }
        public string? BedsAtExit { get; init; }
        public Dictionary<string, string> Other { get; init; } = [];

        public string[] Cells(string[] header)
        {
            var values = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
            {
                ["Location ID"] = Id, ["Location Name"] = Name, ["Provider ID"] = ProviderId, ["Provider Name"] = ProviderName,
                ["Care home?"] = CareHome, ["Location Type/Sector"] = Sector,
                ["Location Inspection Directorate"] = Sector == "Social Care Org" ? "Adult social care" : "Hospitals",
                ["Location Primary Inspection Category"] = CareHome == "Y" ? "Residential social care" : "Community based adult social care services",
                ["Location Latest Overall Rating"] = Rating, ["Publication Date"] = Published,
                ["Location HSCA start date"] = Start, ["Dormant (Y/N)"] = Dormant, ["Care homes beds"] = Beds,
                ["Location Street Address"] = Street, ["Location City"] = City, ["Location Postal Code"] = Postcode,
                ["Location Local Authority"] = LocalAuthority, ["Location Region"] = Region,
                ["Location Latitude"] = Latitude, ["Location Longitude"] = Longitude, ["Brand ID"] = BrandId, ["Brand Name"] = BrandName,
                ["Location Telephone Number"] = "01332 000000", ["Location Web Address"] = "",
                ["Location ONSPD CCG"] = "NHS Derby and Derbyshire ICB", ["Location Parliamentary Constituency"] = "Derby South",
                ["Location HSCA End Date"] = EndedOn ?? "", ["Care homes beds at point location de-activated"] = BedsAtExit ?? "",
            };
            foreach (var a in RegulatedActivities) values["Regulated activity - " + a] = Activities.Contains(a) ? "Y" : "N";
            foreach (var t in ServiceTypes) values["Service type - " + t] = Types.Contains(t) ? "Y" : "N";
            foreach (var b in ServiceUserBands) values["Service user band - " + b] = Bands.Contains(b) ? "Y" : "N";
            foreach (var (k, v) in Other) values[k] = v;
            return header.Select(h => values.GetValueOrDefault(h, "")).ToArray();
        }
    }

    public static readonly Location SunnyView = new("1-101", "Sunny View Care Home", "1-900", "Sunny Care Ltd")
    {
        BrandId = "BD001", BrandName = "BRAND Sunny Group",
    };
    public static readonly Location HomeHelp = new("1-102", "Home Help Derby", "1-901", "Home Help Ltd")
    {
        CareHome = "N", Beds = "", Rating = "Requires improvement", Published = "05/06/2023",
        Types = ["Domiciliary care service", "Supported living service"], Activities = ["Personal care"],
        Bands = ["Learning disabilities", "Younger Adults", "Physical disability"], Postcode = "DE22 3AB",
    };
    public static readonly Location NewPlace = new("1-103", "New Place", "1-900", "Sunny Care Ltd")
    {
        CareHome = "Y", Rating = "", Published = "", Beds = "12", BrandId = "BD001", BrandName = "BRAND Sunny Group",
        Types = ["Care home service without nursing"], Bands = ["Mental health"], Street = "2 Low Road, Unit \"B\"",
    };
    public static readonly Location GpSurgery = new("1-104", "Derby Road Surgery", "1-902", "Dr A Smith")
    {
        CareHome = "N", Sector = "Primary Medical Services", Beds = "", Types = ["Doctors consultation service"],
        Activities = ["Treatment of disease, disorder or injury"], Bands = ["Whole Population"],
    };

    public static readonly Location[] ActiveLocations = [SunnyView, HomeHelp, NewPlace, GpSurgery];

    public static string[][] ActiveRows(IEnumerable<Location> locations, string[]? header = null)
    {
        header ??= ActiveHeader;
        return [header, .. locations.Select(l => l.Cells(header))];
    }

    public static string[][] DeactivatedRows(IEnumerable<Location> locations) => ActiveRows(locations, DeactivatedHeader);

    /// <summary>A ratings file row: location, group, key question, rating, date, inherited.</summary>
    public static string[] RatingRow(string locationId, string group, string domain, string rating, string published,
        string inherited = "N") =>
        [locationId, "", "Name of " + locationId, "-", "-", "Social Care Org", "Adult social care", "Residential social care",
         "East Midlands", "Derby", "1-900", "Sunny Care Ltd", group, domain, rating, published, "Location", inherited,
         "https://www.cqc.org.uk/location/" + locationId];

    /// <summary>The five key questions and overall for one location, plus a population group row to ignore.</summary>
    public static IEnumerable<string[]> RatingRows(string locationId, string published, string overall, string safe,
        string effective = "Good", string caring = "Good", string responsive = "Good", string wellLed = "Good",
        string inherited = "N")
    {
        yield return RatingRow(locationId, "Overall", "Overall", overall, published, inherited);
        yield return RatingRow(locationId, "Overall", "Safe", safe, published, inherited);
        yield return RatingRow(locationId, "Overall", "Effective", effective, published, inherited);
        yield return RatingRow(locationId, "Overall", "Caring", caring, published, inherited);
        yield return RatingRow(locationId, "Overall", "Responsive", responsive, published, inherited);
        yield return RatingRow(locationId, "Overall", "Well-led", wellLed, published, inherited);
        yield return RatingRow(locationId, "Older people", "Overall", "Outstanding", published, inherited);
    }

    public static string[][] RatingsRows(IEnumerable<string[]> rows, bool keyQuestionEdition = false)
    {
        var header = RatingsHeader.Select(h => h == "Domain" && keyQuestionEdition ? "Key Question" : h).ToArray();
        return [header, .. rows];
    }

    public static string[] DirectoryRow(string name, string locationId, string providerId, string types, string specialisms,
        string lastCheck = "14/11/2024", string localAuthority = "Derby") =>
        [name, "", "3 Church Lane, Derby", "DE1 2CD", "01332 111111", "https://example.org", types, lastCheck, specialisms,
         "Directory Provider Ltd", localAuthority, "East Midlands", "https://www.cqc.org.uk/location/" + locationId,
         locationId, providerId];

    public static string[][] DirectoryRows(IEnumerable<string[]> rows) =>
        [.. DirectoryPreamble.Select(p => p.Length == 0 ? new string[] { "" } : [p]), DirectoryHeader, .. rows];

    /// <summary>
    /// CQC's adult social care market export: its 45 columns in order, as a public repository that rebuilds the file
    /// keeps them ("we preserve these exactly").
    /// </summary>
    public static readonly string[] MarketHeader =
    [
        "Location Name", "Location ID", "Comments within last month / comments last recorded", "Registered manager",
        "Location UPRN", "Location telephone number", "Location Web Address", "Location Local Authority",
        "Location ADASS Region", "Primary inspection category", "Service Types", "Care homes beds",
        "Location HSCA start date", "Location HSCA end date", "Dormant", "Location Latest Overall Rating",
        "Publication Date", "Service users supported", "Size of care home (bands by number of beds)",
        "Location length of service (bands by number of years)", "Location safe rating", "Location effective rating",
        "Location caring rating", "Location responsive rating", "Location well-led rating", "Provider Name",
        "Provider ID", "Provider HSCA start date", "Provider length of service (bands by number of years)",
        "Provider Ownership Type", "Provider Companies House Number", "Provider characteristic - number of locations",
        "Provider characteristic - national group size (based on locations)", "Provider characteristic - number of beds",
        "Provider characteristic - share of beds (nationally)",
        "Provider characteristic - number of local authority areas where it has locations",
        "Provider characteristic - % of local authority areas where it has locations", "Brand Name", "Brand ID",
        "Brand characteristic - number of locations", "Brand characteristic -national group size (based on locations)",
        "Brand characteristic - number of beds", "Brand characteristic - share of beds (nationally)",
        "Brand characteristic - % of local authority areas where it has locations",
        "Brand characteristic - number of local authority areas where it has locations",
    ];

    /// <summary>One market export row: values by column name, the rest blank.</summary>
    public static string[] MarketRow(Dictionary<string, string> values) =>
        MarketHeader.Select(h => values.GetValueOrDefault(h, "")).ToArray();

    public static string Csv(IEnumerable<string[]> rows)
    {
        var sb = new StringBuilder();
        foreach (var row in rows)
        {
            sb.Append(string.Join(",", row.Select(Quote))).Append("\r\n");
        }
        return sb.ToString();
    }

    public static string Quote(string field) =>
        field.IndexOfAny([',', '"', '\r', '\n']) >= 0 ? "\"" + field.Replace("\"", "\"\"") + "\"" : field;

    public static string WriteCsv(string folder, string name, IEnumerable<string[]> rows, bool bom = true)
    {
        var path = Path.Combine(folder, name);
        File.WriteAllText(path, Csv(rows), new UTF8Encoding(bom));
        return path;
    }

    /// <summary>A CSV in another encoding, as Excel's "Unicode Text" (UTF-16) or plain "CSV" (Windows-1252) saves it.</summary>
    public static string WriteCsv(string folder, string name, IEnumerable<string[]> rows, Encoding encoding, bool bom)
    {
        var path = Path.Combine(folder, name);
        var preamble = bom ? encoding.GetPreamble() : [];
        File.WriteAllBytes(path, [.. preamble, .. encoding.GetBytes(Csv(rows))]);
        return path;
    }

    public static Encoding Windows1252 => CodePagesEncodingProvider.Instance.GetEncoding(1252)!;

    /// <summary>Writes an .ods: the mimetype entry first and stored, a manifest, and content.xml with the sheets.</summary>
    public static string WriteOds(string folder, string name, params (string Sheet, IEnumerable<IEnumerable<OdsCell>> Rows)[] sheets)
    {
        var path = Path.Combine(folder, name);
        using var file = File.Create(path);
        using var zip = new ZipArchive(file, ZipArchiveMode.Create);
        var mime = zip.CreateEntry("mimetype", CompressionLevel.NoCompression);
        using (var w = new StreamWriter(mime.Open(), new UTF8Encoding(false))) w.Write("application/vnd.oasis.opendocument.spreadsheet");
        using (var w = new StreamWriter(zip.CreateEntry("META-INF/manifest.xml").Open(), new UTF8Encoding(false)))
        {
            w.Write("""
                <?xml version="1.0" encoding="UTF-8"?>
                <manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.3">
                 <manifest:file-entry manifest:full-path="/" manifest:version="1.3" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>
                 <manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>
                </manifest:manifest>
                """);
        }
        using (var w = new StreamWriter(zip.CreateEntry("content.xml").Open(), new UTF8Encoding(false)))
        {
            w.Write("""
                <?xml version="1.0" encoding="UTF-8"?>
                <office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.3"><office:body><office:spreadsheet>
                """);
            foreach (var (sheet, rows) in sheets)
            {
                w.Write($"<table:table table:name=\"{SecurityElement.Escape(sheet)}\"><table:table-column table:number-columns-repeated=\"1024\"/>");
                foreach (var row in rows)
                {
                    w.Write("<table:table-row>");
                    foreach (var cell in row) WriteCell(w, cell);
                    // What LibreOffice writes after the last value: the rest of the row's columns, empty.
                    w.Write("<table:table-cell table:number-columns-repeated=\"16000\"/>");
                    w.Write("</table:table-row>");
                }
                w.Write("<table:table-row table:number-rows-repeated=\"1048000\"><table:table-cell table:number-columns-repeated=\"16384\"/></table:table-row>");
                w.Write("</table:table>");
            }
            w.Write("</office:spreadsheet></office:body></office:document-content>");
        }
        return path;
    }

    public static string WriteOds(string folder, string name, string sheet, IEnumerable<string[]> rows) =>
        WriteOds(folder, name, (sheet, rows.Select(r => r.Select(c => (OdsCell)c))));

    public static void WriteCell(TextWriter w, OdsCell cell)
    {
        var repeat = cell.Repeat > 1 ? $" table:number-columns-repeated=\"{cell.Repeat}\"" : "";
        if (cell.Text.Length == 0 && cell.ValueType is null)
        {
            w.Write($"<table:table-cell{repeat}/>");
            return;
        }
        var type = cell.ValueType switch
        {
            null => " office:value-type=\"string\"",
            "date" => $" office:value-type=\"date\" office:date-value=\"{cell.Value}\"",
            _ => $" office:value-type=\"{cell.ValueType}\" office:value=\"{cell.Value}\"",
        };
        w.Write($"<table:table-cell{repeat}{type}>");
        foreach (var paragraph in cell.Text.Split('\n'))
        {
            w.Write("<text:p>");
            // Runs of spaces are written as text:s, the way LibreOffice does.
            var escaped = SecurityElement.Escape(paragraph)!;
            w.Write(System.Text.RegularExpressions.Regex.Replace(escaped, "  +", m => $" <text:s text:c=\"{m.Length - 1}\"/>"));
            w.Write("</text:p>");
        }
        w.Write("</table:table-cell>");
    }
}
