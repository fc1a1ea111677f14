using CareMarket.Capacity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CareMarket.Web.Pages.Capacity.Provider;

public class IndexModel(CapacityReports reports, CapacityFiles files) : PageModel
{
    public List<CapacityReports.ServiceReturn> Services { get; private set; } = [];
    public UploadResult? Result { get; private set; }

    [BindProperty] public IFormFile? Upload { get; set; }

    public async Task OnGetAsync(CancellationToken ct) => Services = await reports.MyServicesAsync(ct);

    public async Task<IActionResult> OnPostUploadAsync(CancellationToken ct)
    {
        if (Upload is null || Upload.Length == 0)
        {
            ModelState.AddModelError(nameof(Upload), "Choose a CSV file to upload");
        }
        else
        {
            await using var stream = Upload.OpenReadStream();
            Result = await files.UploadAsync(stream, Path.GetFileName(Upload.FileName), ct);
            if (Result.Succeeded)
            {
                TempData["Done"] = $"Uploaded {Result.ReturnsWritten} {(Result.ReturnsWritten == 1 ? "return" : "returns")} from {Result.Rows} rows.";
                return RedirectToPage();
            }
            foreach (var e in Result.Errors.Take(50)) ModelState.AddModelError(nameof(Upload), e.ToString());
        }
        Services = await reports.MyServicesAsync(ct);
        return Page();
    }
}
