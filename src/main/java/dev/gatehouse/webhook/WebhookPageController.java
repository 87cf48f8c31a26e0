package dev.gatehouse.webhook;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.gatehouse.identity.Caller;
import dev.gatehouse.system.InvalidRequestException;
import dev.gatehouse.web.PageController;
import dev.gatehouse.web.PageForms;

import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * <i>Organisation → Webhooks</i>: the webhooks, a form to add one (its secret shown
 * once), remove, and each one's latest deliveries.
 */
@PageController
@RequestMapping("/admin/webhooks")
class WebhookPageController {

	private static final int SHOWN_DELIVERIES = 10;

	private final WebhookService webhooks;

	WebhookPageController(WebhookService webhooks) {
		this.webhooks = webhooks;
	}

	@GetMapping
	String page(Caller caller, Model model) {
		return render(caller, model);
	}

	@PostMapping
	String add(Caller caller, @RequestParam(defaultValue = "") String url, Model model) {
		try {
			model.addAttribute("registered", this.webhooks.register(caller, url));
		}
		catch (InvalidRequestException ex) {
			model.addAttribute("error", ex.getMessage());
			model.addAttribute("draftUrl", url);
		}
		return render(caller, model);
	}

	@PostMapping("/{id}/delete")
	String delete(Caller caller, @PathVariable long id, RedirectAttributes flash) {
		PageForms.attempt(flash, "Removed the webhook; nothing more is posted to it",
				() -> this.webhooks.delete(caller, id));
		return "redirect:/admin/webhooks";
	}

	private String render(Caller caller, Model model) {
		Map<Webhook, List<WebhookDelivery>> all = new LinkedHashMap<>();
		for (Webhook webhook : this.webhooks.list(caller)) {
			List<WebhookDelivery> deliveries = this.webhooks.deliveries(caller, webhook.id());
			all.put(webhook, deliveries.subList(0, Math.min(SHOWN_DELIVERIES, deliveries.size())));
		}
		model.addAttribute("webhooks", all);
		return "webhook/webhooks";
	}

}
