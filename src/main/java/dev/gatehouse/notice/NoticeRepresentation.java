package dev.gatehouse.notice;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.annotation.JsonRootName;
import tools.jackson.dataformat.xml.annotation.JacksonXmlProperty;

/**
 * A notice in the API.
 */
@JsonRootName("Notice")
@JsonPropertyOrder({ "Id", "CreateDate", "Subject", "Text", "ReadDate", "Mail" })
record NoticeRepresentation(@JsonProperty("Id") @JacksonXmlProperty(isAttribute = true) long id,
		@JsonProperty("CreateDate") Instant createDate, @JsonProperty("Subject") String subject,
		@JsonProperty("Text") String text, @JsonProperty("ReadDate") Instant readDate,
		@JsonProperty("Mail") String mail) {

	static NoticeRepresentation of(Notice notice) {
		return new NoticeRepresentation(notice.id(), notice.createDate().truncatedTo(ChronoUnit.SECONDS),
				notice.subject(), notice.text(),
				(notice.readDate() != null) ? notice.readDate().truncatedTo(ChronoUnit.SECONDS) : null,
				notice.mail().name());
	}

}
