package dev.gatehouse.notice;

import java.util.List;

import dev.gatehouse.identity.Caller;
import dev.gatehouse.query.CollectionParameters;
import dev.gatehouse.web.PageController;

import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * <i>Notices</i>: the signed-in person's notices, newest first; showing them marks them
 * read.
 */
@PageController
class NoticePageController {

	private static final int SHOWN = 100;

	private final NoticeService notices;

	NoticePageController(NoticeService notices) {
		this.notices = notices;
	}

	@GetMapping("/notices")
	String page(Caller caller, Model model) {
		model.addAttribute("notices",
				this.notices.show(caller, new CollectionParameters(SHOWN, 0, null, List.of(), List.of())).items());
		model.addAttribute("mailConfigured", this.notices.mailConfigured());
		return "notice/notices";
	}

}
