using System.Text.RegularExpressions;
using CareMarket.Data;
using CareMarket.Register;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace CareMarket.Browser.Tests;

/// <summary>A provider user sees its own services only; sign-in errors and lockout (this class's own database).</summary>
public class ProviderAndSignInTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task Provider_user_sees_only_its_own_services_and_not_another_providers()
    {
        var hawthorn = await browser.App.HawthornAsync();
        List<string> own;
        int foreignId;
        await using (var db = browser.App.Db())
        {
            own = await db.Services.Where(s => s.ProviderId == hawthorn.Id && s.Status == ServiceStatus.Active).Select(s => s.Name).ToListAsync();
            foreignId = await db.Services.Where(s => s.ProviderId != hawthorn.Id).OrderBy(s => s.Id).Select(s => s.Id).FirstAsync();
        }
        var page = await browser.NewPageAsync();
        await page.SignInAsync(CareMarketApp.Email(Roles.Provider));

        await page.WaitForURLAsync(new Regex("/register$"));
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Our services");
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Our services" })).ToBeVisibleAsync();
        var providers = await page.Locator("#register-table tbody tr td:nth-child(2)").AllInnerTextsAsync();
        providers.ShouldNotBeEmpty();
        providers.ShouldAllBe(p => p == "Hawthorn Care Group");
        (await page.Locator("#register-table tbody tr td:first-child a").AllInnerTextsAsync()).ShouldBe(own, ignoreOrder: true);
        await page.ShouldHaveNoAxeViolationsAsync("provider's register");

        // Even with England chosen in the address, only its own.
        await page.GotoAsync("/register?scope=England&status=all");
        (await page.Locator("#register-table tbody tr td:nth-child(2)").AllInnerTextsAsync()).ShouldAllBe(p => p == "Hawthorn Care Group");

        var response = await page.GotoAsync($"/register/services/{foreignId}");
        response!.Status.ShouldBe(404);
        (await page.GotoAsync($"/register/providers/{(await ForeignProviderAsync(foreignId))}"))!.Status.ShouldBe(404);
    }

    private async Task<int> ForeignProviderAsync(int serviceId)
    {
        await using var db = browser.App.Db();
        return await db.Services.Where(s => s.Id == serviceId).Select(s => s.ProviderId).FirstAsync();
    }

    [Fact]
    public async Task Wrong_password_shows_the_error_summary()
    {
        var page = await browser.NewPageAsync();
        await page.SignInAsync(CareMarketApp.Email(Roles.QualityOfficer), "not-the-password");
        var summary = page.Locator(".govuk-error-summary");
        await Assertions.Expect(summary).ToBeVisibleAsync();
        await Assertions.Expect(summary.GetByRole(AriaRole.Heading)).ToHaveTextAsync("There is a problem");
        await Assertions.Expect(summary.GetByRole(AriaRole.Link)).ToHaveTextAsync("The email address or password is not right");
        await Assertions.Expect(page.Locator("#Input_Email-error")).ToContainTextAsync("The email address or password is not right");
        (await page.TitleAsync()).ShouldStartWith("Error: ");
        page.Url.ShouldContain("/account/sign-in");
        await page.ShouldHaveNoAxeViolationsAsync("sign-in with an error");

        // The summary's link goes to the field.
        await summary.GetByRole(AriaRole.Link).ClickAsync();
        await Assertions.Expect(page.Locator("#Input_Email")).ToBeFocusedAsync();
    }

    [Fact]
    public async Task Five_wrong_passwords_lock_the_account()
    {
        var email = CareMarketApp.Email(Roles.SocialWorker);
        var page = await browser.NewPageAsync();
        for (var i = 1; i <= 4; i++)
        {
            await page.SignInAsync(email, $"wrong-{i}");
            await Assertions.Expect(page.Locator(".govuk-error-summary")).ToContainTextAsync("The email address or password is not right");
        }
        await page.SignInAsync(email, "wrong-5");
        await Assertions.Expect(page.Locator(".govuk-error-summary")).ToContainTextAsync("This account is locked");

        // The right password no longer lets it in.
        await page.SignInAsync(email);
        await Assertions.Expect(page.Locator(".govuk-error-summary")).ToContainTextAsync("This account is locked");
        page.Url.ShouldContain("/account/sign-in");
        await using var db = browser.App.Db();
        (await db.Users.Where(u => u.Email == email).Select(u => u.LockoutEnd).FirstAsync()).ShouldNotBeNull();
    }
}
