import { labelOf } from './labels';
import type { Locale } from './locale';
import type { UserErrorCode } from './user-error-codes';

/**
 * What a person reads for each code, in both languages of the product. Templates name their
 * values in braces (`{max}`); a site that throws a code passes exactly those values, checked by
 * the compiler through `MessageParams`, and the request's `Accept-Language` picks the language.
 */
export const USER_ERROR_MESSAGES = {
  ALREADY_CLAIMED: { vi: 'Hồ sơ công dân này đã thuộc về một tài khoản.', en: 'This citizen profile already belongs to an account.' },
  ALREADY_MEMBER: { vi: 'Công dân hoặc hộ này đã là thành viên hiện tại (với vai trò này).', en: 'The citizen or household is already a current member (in this role).' },
  ALREADY_RECOGNISED: { vi: 'Đối tượng đã được công nhận cho năm {year} theo quyết định {decision}; hãy thu hồi danh hiệu đó trước.', en: 'Already recognised for {year} by decision {decision}; revoke that award first.' },
  ALREADY_RECOGNISED_INITIATIVE: { vi: 'Sáng kiến đã được hội đồng công nhận.', en: 'The initiative is already recognised by a council decision.' },
  ALREADY_REVOKED: { vi: 'Danh hiệu này đã bị thu hồi.', en: 'This award was already revoked.' },
  AMBIGUOUS_PHONE: { vi: 'Nhiều công dân dùng chung số điện thoại này; hãy dùng số CCCD.', en: 'Several citizens share this phone number; use the national ID number.' },
  API_CLIENT_NOT_FOUND: { vi: 'Không có ứng dụng (API client) nào có mã này.', en: 'No API client has this id.' },
  API_CLIENT_REVOKED: { vi: 'Ứng dụng (API client) đã bị thu hồi: ứng dụng này không nhận webhook và không còn đổi được mức tin cậy.', en: 'The API client was revoked: it receives no webhooks and its trust no longer changes.' },
  AWARD_REVOKED: { vi: 'Danh hiệu đã bị thu hồi: không cấp chứng nhận số cho danh hiệu này.', en: 'The award was revoked: no credential is issued for it.' },
  CHECKSUM_MISMATCH: { vi: 'Tệp đã tải lên không khớp với mã SHA-256 đã khai báo.', en: 'The uploaded file does not match the SHA-256 declared.' },
  CITIZEN_PROFILE_REQUIRED: { vi: 'Hãy tạo hồ sơ công dân của bạn trước.', en: 'Create your citizen profile first.' },
  CODE_TAKEN: { vi: 'Mã {code} đã được dùng cho một đơn vị khác trong cùng xã.', en: 'The code {code} is already used by another unit of the same commune.' },
  COMMENDATION_DECIDED_ELSEWHERE: { vi: 'Hình thức khen thưởng này do Thủ tướng Chính phủ hoặc Bộ, ngành quyết định, không phải trên nền tảng: nền tảng không cấp chứng nhận số cho khen thưởng này.', en: 'This form of commendation is decided by the Prime Minister or a ministry, not on the platform: the platform issues no credential for it.' },
  COMMENDATION_REVOKED: { vi: 'Khen thưởng đã bị thu hồi: không cấp chứng nhận số cho khen thưởng này.', en: 'The commendation was revoked: no credential is issued for it.' },
  CONFLICT: { vi: 'Một thay đổi khác diễn ra cùng lúc xung đột với thay đổi này; chưa có gì được lưu, hãy thử lại.', en: 'A change made at the same time conflicts with this one; nothing was changed, try again.' },
  CONFLICTING_MARKS: { vi: 'Danh sách điểm danh đánh dấu cùng một người vừa có mặt vừa vắng mặt.', en: 'The roster marks the same person present and absent.' },
  CONTRIBUTION_VALUE_REQUIRED: { vi: 'Hãy nhập giá trị đóng góp (đồng), số giờ, hoặc cả hai, không được âm.', en: 'Give the value in đồng, the hours, or both, neither below 0.' },
  CONTRIBUTOR_NOT_FOUND: { vi: 'Không có người đóng góp loại này với mã này.', en: 'No contributor of this kind has this id.' },
  CRITERIA_NOT_MET: { vi: 'Đối tượng chưa đạt tiêu chí của năm {year} ({status}); muốn vẫn công nhận, hãy nêu lý do ngoại lệ.', en: 'Does not meet the criteria for {year} ({status}); give an override with a reason to recognise anyway.' },
  CRITERION_MINIMUM_WITHOUT_CRITERIA: { vi: 'Mức tối thiểu theo tiêu chí cần có các tiêu chí nhóm các chỉ tiêu.', en: 'A per-criterion minimum needs criteria grouping the indicators.' },
  CRITERION_WITHOUT_INDICATORS: { vi: 'Tiêu chí {criterion} phải gồm ít nhất một chỉ tiêu.', en: 'The criterion {criterion} groups no indicator.' },
  CSV_DATE_INVALID: { vi: 'Cột {column} có giá trị "{value}" không phải là ngày viết theo dạng YYYY-MM-DD.', en: '{column} "{value}" is not a date written YYYY-MM-DD' },
  CSV_FLAG_INVALID: { vi: 'Cột {column} phải là true hoặc false.', en: '{column} must be true or false' },
  CSV_VALUE_MISSING: { vi: 'Cột {column} bị bỏ trống.', en: '{column} is missing' },
  CSV_VALUE_NOT_A_YEAR: { vi: 'Cột {column} không phải là một năm.', en: '{column} is not a year' },
  CSV_VALUE_NOT_ONE_OF: { vi: 'Cột {column} phải là một trong các giá trị: {values}.', en: '{column} must be one of {values}' },
  CSV_VALUE_TOO_LONG: { vi: 'Cột {column} dài hơn {max} ký tự.', en: '{column} is longer than {max} characters' },
  DAILY_HOURS_EXCEEDED: { vi: 'Mỗi ngày chỉ ghi nhận tối đa {max} giờ học; ngày {day} đã có {already} giờ.', en: 'At most {max} hours of learning can be recorded on one day; {already} are already recorded on {day}.' },
  DATE_IN_FUTURE: { vi: 'Ngày này chưa đến.', en: 'The day given has not come yet.' },
  DECISION_DATE_INVALID: { vi: 'Quyết định phải được ký sau khi năm {year} kết thúc và không ở tương lai.', en: 'The decision is dated after {year} ended and not in the future.' },
  DECISION_LEVEL_NOT_YOURS: { vi: 'Bạn ghi nhận quyết định của cấp {own}, không phải quyết định {level}.', en: 'You record decisions of the level {own}, not {level}.' },
  DECISION_NUMBER_REQUIRED: { vi: 'Số quyết định có từ 1 đến 64 ký tự.', en: 'The decision number has 1 to 64 characters.' },
  DECISION_REQUIRED: { vi: 'Quyết định cần có số (1 đến 64 ký tự), ngày và người ký.', en: 'A decision needs its number (1 to 64 characters), date and signer.' },
  DUPLICATE_CRITERION_CODE: { vi: 'Hai tiêu chí có cùng mã {code}.', en: 'Two criteria have the code {code}.' },
  DUPLICATE_INDICATOR_CODE: { vi: 'Hai chỉ tiêu có cùng mã {code}.', en: 'Two indicators have the code {code}.' },
  DUPLICATE_NATIONAL_ID_LINE: { vi: 'Số CCCD này đã có ở dòng {line}.', en: 'the same national ID number is on line {line}' },
  DUPLICATE_SUBJECT: { vi: 'Một đối tượng được liệt kê hai lần.', en: 'The same subject is listed twice.' },
  DUPLICATE_UNIT_ROW: { vi: 'Tệp có một dòng khác cho mã {code} trong khoảng thời gian trùng nhau.', en: 'the file has another row for code {code} in an overlapping period' },
  EMPTY_FILE: { vi: 'Tệp rỗng.', en: 'The file is empty.' },
  EMPTY_ROSTER: { vi: 'Danh sách điểm danh không có dòng nào.', en: 'The roster has no lines.' },
  ENDS_BEFORE_START: { vi: 'Buổi học phải kết thúc sau khi bắt đầu.', en: 'The session must end after it starts.' },
  ENTERED_BY_YOU: { vi: 'Bạn đã nhập nhật ký này thay cho công dân: một cán bộ đánh giá khác của đơn vị hoặc cơ sở được nêu sẽ xác nhận.', en: 'You entered this log for the citizen: another assessor of their unit or the institution it names verifies it.' },
  EVIDENCE_KEY_TOO_LONG: { vi: 'Khóa minh chứng dài tối đa 500 ký tự.', en: 'An evidence key has at most 500 characters.' },
  EVIDENCE_NOT_COMPLETED: { vi: 'Tệp minh chứng "{filename}" chưa hoàn tất tải lên: hãy gọi `completeEvidenceUpload` sau khi PUT tệp.', en: 'The evidence file "{filename}" was not completed: call `completeEvidenceUpload` after the PUT.' },
  EVIDENCE_NOT_FOUND: { vi: 'Không có tệp minh chứng với khóa "{key}": hãy tải tệp lên bằng `createEvidenceFileUpload` trước.', en: 'No evidence file has the key "{key}": upload it with `createEvidenceFileUpload` first.' },
  EVIDENCE_NOT_YOURS: { vi: 'Tệp minh chứng phải do chính bạn tải lên.', en: 'The evidence file must be one you uploaded.' },
  FIELD_NOT_ALLOWED: { vi: 'Trường này không dùng cho loại chỉ tiêu hoặc quy tắc đạt này.', en: 'This kind of indicator or pass rule does not take this field.' },
  FILE_TOO_LARGE: { vi: 'Tệp lớn hơn mức cho phép: tối đa {max}, tệp này {size}.', en: 'The file is larger than allowed: at most {max}, this one is {size}.' },
  FILE_TYPE_MISMATCH: { vi: 'Nội dung tệp "{filename}" thực ra là {actual}, không đúng loại đã khai báo.', en: 'The file "{filename}" is really {actual}, not of the type declared.' },
  FORM_NOT_FOUND: { vi: 'Không có hình thức khen thưởng nào có mã này.', en: 'No form of commendation has this code or id.' },
  FUTURE_DATE: { vi: 'Tư cách thành viên được ghi nhận khi diễn ra, không ghi trước.', en: 'Memberships are recorded when they happen, not ahead of time.' },
  GOAL_TOPIC_OR_PROGRAMME: { vi: 'Mục tiêu học tập là một chủ đề kèm số giờ, hoặc một chương trình.', en: 'A goal is either a topic with target hours or a programme.' },
  HEAD_CANNOT_LEAVE: { vi: 'Chủ hộ không thể rời hộ (hoặc vào hộ khác) trước khi chọn chủ hộ mới.', en: 'The head of a household cannot leave it (or join another) before another head is chosen.' },
  IDENTITY_FIELD: { vi: 'Họ tên, năm sinh, giới tính và số CCCD do cán bộ đánh giá của đơn vị thay đổi.', en: 'Name, birth year, gender and national ID number are changed by an assessor of the citizen\'s unit.' },
  IMPORT_TOO_LONG: { vi: 'Một lần nhập có tối đa {max} dòng; hãy chia nhỏ tệp.', en: 'An import has at most {max} lines; split it.' },
  INCOMPLETE_LOCATION: { vi: 'Hãy nhập cả vĩ độ và kinh độ, hoặc bỏ trống cả hai.', en: 'Give both latitude and longitude, or neither.' },
  INDICATOR_IN_TWO_CRITERIA: { vi: 'Chỉ tiêu {indicator} nằm trong hai tiêu chí; mỗi chỉ tiêu thuộc tối đa một tiêu chí.', en: 'The indicator {indicator} is in two criteria; an indicator belongs to at most one.' },
  INDICATOR_NOT_ATTESTED: { vi: 'Chỉ tiêu {indicator} được hệ thống tự tính, không do cán bộ nhập.', en: '{indicator} is computed, not entered by an assessor.' },
  INDICATOR_NOT_FOUND: { vi: 'Bộ tiêu chí áp dụng cho năm {year} không có chỉ tiêu {indicator}.', en: 'The criteria in force for {year} have no indicator {indicator}.' },
  INDICATOR_SCORES_DO_NOT_ADD_UP: { vi: 'Tổng điểm tối đa của các chỉ tiêu là {sum}, không bằng tổng điểm {total}.', en: 'The indicators\' maximum scores add up to {sum}, not to the total of {total}.' },
  INSTITUTION_NOT_FOUND: { vi: 'Không có cơ sở nào có mã này.', en: 'No institution has this id.' },
  INVALID_APPLIES_TO: { vi: 'Chỉ tiêu được giới hạn cho những đối tượng mà danh hiệu không áp dụng.', en: 'The indicator is limited to subjects its title cannot have.' },
  INVALID_BIRTH_YEAR: { vi: 'Năm sinh phải từ 1900 đến {max}.', en: 'The birth year must be from 1900 to {max}.' },
  INVALID_CAPACITY: { vi: 'Sức chứa phải là số nguyên từ 0 trở lên (bỏ trống nếu không giới hạn).', en: 'The capacity must be a whole number, 0 or more (omit it for no limit).' },
  INVALID_CHECK_IN_CODE: { vi: 'Mã điểm danh không hợp lệ cho buổi học này vào lúc này; hãy hỏi cán bộ mã hiện tại.', en: 'This code is not valid for this session now; ask the staff for the current code.' },
  INVALID_CLAIM: { vi: 'Số CCCD và mã nhận hồ sơ không khớp với hồ sơ nào đang chờ nhận.', en: 'The national ID number and claim code do not match a profile waiting to be claimed.' },
  INVALID_CREDENTIALS: { vi: 'Tên đăng nhập hoặc mật khẩu không đúng.', en: 'The login or the password is not right.' },
  INVALID_CREDITED_HOURS: { vi: 'Số giờ được tính phải từ 0 đến {max}.', en: 'Credited hours go from 0 to {max}.' },
  INVALID_CSV: { vi: 'Tệp không phải là CSV đọc được.', en: 'The file is not readable CSV.' },
  INVALID_DATE: { vi: 'Ngày phải là một ngày có thật, viết theo dạng YYYY-MM-DD.', en: 'A date is a real day written YYYY-MM-DD.' },
  INVALID_EMAIL: { vi: 'Địa chỉ email không hợp lệ.', en: 'This is not a valid email address.' },
  INVALID_HOURS: { vi: 'Số giờ của một nhật ký phải lớn hơn 0 và tối đa {max}.', en: 'A log has more than 0 and at most {max} hours.' },
  INVALID_IDS: { vi: 'Hãy đưa từ 1 đến {max} mã.', en: 'Give from 1 to {max} ids.' },
  INVALID_LEVELS: { vi: 'Bảng kiểm có từ 1 đến {max} mức.', en: 'A checklist has from 1 to {max} levels.' },
  INVALID_LOGIN: { vi: 'Hãy nhập địa chỉ email hoặc số di động Việt Nam (0xxxxxxxxx).', en: 'Enter an email address or a Vietnamese mobile number (0xxxxxxxxx).' },
  INVALID_MAX_SCORE: { vi: 'Điểm tối đa của chỉ tiêu phải lớn hơn 0.', en: 'An indicator\'s maximum score must be above 0.' },
  INVALID_METRIC_PARAMS: { vi: 'Tham số {param} của phép đo không hợp lệ.', en: 'The metric parameter {param} is not valid.' },
  INVALID_PERIOD: { vi: 'Khoảng thời gian không hợp lệ: kết thúc trước khi bắt đầu, hoặc không đúng kỳ.', en: 'The period is not valid: it ends before it starts, or does not fit its kind.' },
  INVALID_PERSON: { vi: 'Người trong dòng này không phải số CCCD 12 chữ số hay số di động Việt Nam.', en: 'The line\'s person is neither a 12-digit national ID number nor a Vietnamese mobile number.' },
  INVALID_PHONE: { vi: 'Số di động gồm số 0 (hoặc +84) và 9 chữ số.', en: 'A mobile number is 0 (or +84) followed by 9 digits.' },
  INVALID_REFRESH_TOKEN: { vi: 'Phiên đăng nhập đã hết hạn; hãy đăng nhập lại.', en: 'The session has expired; sign in again.' },
  INVALID_RESULT: { vi: 'Kết quả phải là PARTICIPATED hoặc COMPLETED.', en: 'The result must be PARTICIPATED or COMPLETED.' },
  INVALID_SCORE: { vi: 'Điểm phải từ 0 đến 100.', en: 'A score goes from 0 to 100.' },
  INVALID_TARGET_HOURS: { vi: 'Số giờ mục tiêu phải lớn hơn 0 và tối đa 1000.', en: 'Target hours go from more than 0 to 1000.' },
  INVALID_TOPIC: { vi: 'Chủ đề không hợp lệ: {topics}; hãy dùng các giá trị của Topic.', en: 'Unknown topic: {topics}; use the Topic values.' },
  INVALID_WEBHOOK_URL: { vi: 'Địa chỉ không nhận được webhook: cần là địa chỉ http(s), không kèm tên đăng nhập hay mật khẩu, và không trỏ tới địa chỉ nội bộ.', en: 'The URL cannot receive webhooks: it must be http(s), without a user name or password, and not point at a private address.' },
  INVALID_YEAR: { vi: 'Năm phải từ {min} đến {max}.', en: 'The year must be from {min} to {max}.' },
  ISSUER_LEVEL_NOT_ALLOWED: { vi: 'Danh hiệu này của đối tượng do chính quyền {allowed} công nhận.', en: 'This subject\'s title is recognised at the level: {allowed}.' },
  ISSUING_BODY_REQUIRED: { vi: 'Hãy chọn một cơ quan cấp: đơn vị (Ủy ban nhân dân) hoặc cơ quan, tổ chức, không chọn cả hai.', en: 'Choose one issuer: the unit (its People\'s Committee) or the body, not both.' },
  ISSUER_REQUIRED: { vi: 'Cơ quan ban hành có từ 1 đến 300 ký tự.', en: 'The issuer has 1 to 300 characters.' },
  JOB_NOT_FAILED: { vi: 'Chỉ có thể chạy lại một tác vụ đã thất bại.', en: 'Only a failed job can be retried.' },
  KIND_MISMATCH: { vi: 'Loại tài nguyên không phù hợp với tệp hoặc liên kết.', en: 'The resource\'s kind does not fit its media or link.' },
  LEVEL_OUT_OF_RANGE: { vi: 'Mức của chỉ tiêu phải từ 1 đến {max}.', en: 'The indicator\'s level must be from 1 to {max}.' },
  LEVEL_WITHOUT_INDICATORS: { vi: 'Mức {level} chưa có chỉ tiêu nào.', en: 'Level {level} has no indicator.' },
  LINK_REQUIRED: { vi: 'Tài nguyên dạng liên kết cần có liên kết trước khi công bố.', en: 'A link resource needs its link before it is published.' },
  LOGIN_TAKEN: { vi: 'Đã có tài khoản dùng email hoặc số điện thoại này.', en: 'An account with this email or phone number already exists.' },
  LOG_ALREADY_VERIFIED: { vi: 'Nhật ký đã xác nhận chỉ có thể do người xác nhận huỷ.', en: 'A verified log can only be voided by its verifier.' },
  LOG_CLOSED: { vi: 'Nhật ký đã bị từ chối hoặc huỷ nên không thể thay đổi.', en: 'The log is rejected or voided and cannot change.' },
  MEDIA_FAILED: { vi: 'Không xử lý được tệp; xem các bước xử lý, thử lại hoặc tải tệp khác lên.', en: 'The file could not be processed; see its steps, retry or upload another.' },
  MEDIA_NOT_FOUND: { vi: 'Không có tệp phương tiện nào của cơ sở có mã này.', en: 'No media of this institution has this id.' },
  MEDIA_REQUIRED: { vi: 'Hãy đính kèm tệp đã tải lên trước khi công bố.', en: 'Attach the uploaded file before publishing.' },
  METRIC_NOT_FOR_TITLE: { vi: 'Phép đo {metric} không áp dụng cho danh hiệu này.', en: 'The metric {metric} does not apply to this title.' },
  MET_REQUIRED: { vi: 'Chỉ tiêu này đánh giá đạt / không đạt, không chấm điểm.', en: 'This indicator takes met / not met, not a score.' },
  MISSING_COLUMNS: { vi: 'Dòng tiêu đề thiếu các cột: {columns}.', en: 'The header lacks the columns {columns}.' },
  MISSING_METRIC: { vi: 'Chỉ tiêu tự tính cần có phép đo.', en: 'A computed indicator needs a metric.' },
  MISSING_PASS_RULE_FIELD: { vi: 'Quy tắc đạt thiếu một trường cần thiết cho loại của nó.', en: 'The pass rule lacks a field its kind needs.' },
  MISSING_SCORING: { vi: 'Chỉ tiêu tự tính cần có bảng tính điểm.', en: 'A computed indicator needs a scoring table.' },
  MISSING_THRESHOLD: { vi: 'Cần có ngưỡng đạt (`metAtLeast`).', en: 'The value at which it is met (`metAtLeast`) is missing.' },
  NAME_TAKEN: { vi: 'Một bản ghi khác của cùng đơn vị đã dùng tên này.', en: 'Another record of the same unit already has this name.' },
  NATIONAL_ID_BIRTH_YEAR_MISMATCH: { vi: 'Số CCCD không khớp với năm sinh (chữ số thứ 4 đến 6).', en: 'The national ID number does not match the birth year (digits 4 to 6).' },
  NATIONAL_ID_FORMAT: { vi: 'Số CCCD gồm đúng 12 chữ số.', en: 'A national ID number (CCCD) has exactly 12 digits.' },
  NATIONAL_ID_GENDER_MISMATCH: { vi: 'Số CCCD không khớp với giới tính (chữ số thứ 4).', en: 'The national ID number does not match the gender (digit 4).' },
  NATIONAL_ID_MISSING: { vi: 'Thiếu số CCCD: các dòng được đối chiếu theo số này.', en: 'national_id is missing: rows are matched by it' },
  NATIONAL_ID_OUTSIDE_AREA: { vi: 'Số CCCD này thuộc về một công dân ngoài địa bàn của bạn.', en: 'this national ID number is registered to a citizen outside your area' },
  NATIONAL_ID_PROVINCE_CODE: { vi: 'Ba chữ số đầu của số CCCD không phải mã tỉnh.', en: 'The first three digits of the national ID number are not a province code.' },
  NATIONAL_ID_TAKEN: { vi: 'Số CCCD này đã được đăng ký. Nếu cán bộ đã đăng ký cho bạn, hãy xin mã nhận hồ sơ và nhận hồ sơ đó.', en: 'This national ID number is already registered. If an assessor registered you, ask them for a claim code and claim that profile.' },
  NOMINATION_NOT_EDITABLE: { vi: 'Chỉ hồ sơ đề nghị ở dạng nháp hoặc bị trả lại mới được người đề nghị sửa.', en: 'Only a draft or a returned nomination is changed by its proposer.' },
  NOMINEE_NOT_FOUND: { vi: 'Không có người được đề nghị loại này với mã này (người đóng góp bên ngoài được đề nghị sau khi có đóng góp được ghi nhận).', en: 'No nominee of this kind has this id (an external contributor is nominated once a contribution of theirs is recorded).' },
  NOTE_TOO_LONG: { vi: 'Ghi chú dài tối đa 2.000 ký tự.', en: 'A note has at most 2,000 characters.' },
  NOTHING_TO_DOWNLOAD: { vi: 'Tài nguyên này không có tệp để tải về.', en: 'This resource has no file to download.' },
  NOTHING_TO_RETRY: { vi: 'Không có bước xử lý nào của tệp này bị lỗi.', en: 'No step of this media has failed.' },
  NOT_A_COLLECTIVE: { vi: 'Bảng kiểm thi đua chỉ lập cho tỉnh, huyện, xã và tổ chức.', en: 'Emulation checklists are kept for the province, districts, communes and organisations.' },
  NOT_A_COMMUNE: { vi: 'Thôn, ấp chỉ được tạo trong xã, phường hoặc thị trấn.', en: 'Hamlets are created under a commune, ward or town.' },
  NOT_A_HAMLET: { vi: 'Địa chỉ của hộ phải là thôn, ấp hoặc khu phố.', en: 'A household\'s address is a hamlet or residential quarter.' },
  NOT_A_MEMBER: { vi: 'Công dân hoặc hộ này không phải thành viên hiện tại.', en: 'The citizen or household is not a current member.' },
  NOT_A_REPORTING_BODY: { vi: 'Cơ quan này không thuộc diện báo cáo trong kỳ.', en: 'The body is not among those that report in the period.' },
  NOT_A_RESIDENCE: { vi: 'Công dân cư trú tại thôn, ấp, hoặc tại xã khi chưa rõ thôn, ấp.', en: 'A citizen lives in a hamlet, or in a commune when the hamlet is not known.' },
  NOT_EVALUATED: { vi: 'Chưa có kết quả đánh giá của đối tượng cho năm {year}; hãy tính lại danh hiệu của đơn vị trước.', en: 'No progress was computed for {year}; recalculate the titles of the unit first.' },
  NOT_FOUND: { vi: 'Không có bản ghi nào bạn được xem xét với mã này.', en: 'No record you may review has this id.' },
  NOT_PENDING: { vi: 'Nhật ký không còn ở trạng thái chờ xác nhận.', en: 'The log is no longer pending.' },
  NOT_RECORDED: { vi: 'Chưa ghi nhận được điểm danh.', en: 'The attendance was not recorded.' },
  NO_DEFINITIONS: { vi: 'Bộ tiêu chí cần ít nhất một định nghĩa danh hiệu.', en: 'A ruleset needs at least one title definition.' },
  NO_INDICATORS: { vi: 'Định nghĩa danh hiệu cần ít nhất một chỉ tiêu.', en: 'A title definition needs at least one indicator.' },
  NO_NATIONAL_ID: { vi: 'Hãy ghi số CCCD của công dân trước: việc nhận hồ sơ cần số này.', en: 'Record the citizen\'s national ID number first: claiming needs it.' },
  OFFICIAL_NAME: { vi: 'Đơn vị hành chính chính thức giữ tên theo danh mục chính thức; hãy nhập danh mục mới.', en: 'Official units keep the names of the official lists; import a new list instead.' },
  OVERLAPPING_MEMBERSHIP: { vi: 'Tư cách thành viên này trùng thời gian với một tư cách đã ghi nhận.', en: 'This membership would overlap one already recorded for the same period.' },
  OVERRIDE_REASON_REQUIRED: { vi: 'Công nhận ngoại lệ cần nêu lý do.', en: 'An override of the criteria needs a reason.' },
  OWNER_REQUIRED: { vi: 'Sáng kiến thuộc về đúng một cơ quan hoặc tổ chức.', en: 'An initiative is owned by exactly one body or organisation.' },
  PARENT_CODE_AMBIGUOUS: { vi: 'Mã đơn vị cấp trên {parentCode} trùng với nhiều đơn vị trong khoảng thời gian này.', en: 'the parent code {parentCode} matches several units in this period' },
  PARENT_CODE_REQUIRED: { vi: 'Đơn vị dưới cấp tỉnh cần có parent_code.', en: 'parent_code is required below the province' },
  PARENT_NOT_FOUND: { vi: 'Không có đơn vị mã {parentCode} ở cấp trên {level} trong cùng khoảng thời gian.', en: 'no unit with code {parentCode} above {level} exists in the same period' },
  PASSWORD_TOO_LONG: { vi: 'Mật khẩu dài tối đa 128 ký tự.', en: 'The password can have at most 128 characters.' },
  PERIOD_CLOSED: { vi: 'Kỳ báo cáo đã đóng.', en: 'The report period is closed.' },
  PERIOD_EXISTS: { vi: 'Đã có kỳ báo cáo loại này cho các năm này.', en: 'A report period of this kind already covers these years.' },
  PROFILE_EXISTS: { vi: 'Tài khoản của bạn đã có hồ sơ công dân.', en: 'Your account already has a citizen profile.' },
  PROGRAMME_CANCELLED: { vi: 'Chương trình đã bị huỷ nên không thể thay đổi.', en: 'The programme is cancelled and cannot change.' },
  PROGRAMME_NOT_FOUND: { vi: 'Không có chương trình nào có mã này.', en: 'No programme has this id.' },
  PROVINCE_WITH_PARENT: { vi: 'Tỉnh không có đơn vị cấp trên.', en: 'a province has no parent' },
  QUOTA_EXCEEDED: { vi: 'Đã hết chỉ tiêu của hình thức khen thưởng trong đợt: đã quyết định {taken} trên {places} suất.', en: 'The quota of this form for the round is taken: {taken} of {places} places decided.' },
  REASON_REQUIRED: { vi: 'Hãy nêu lý do với độ dài theo yêu cầu.', en: 'Give a reason of the required length.' },
  RECIPIENT_REQUIRED: { vi: 'Thiếu đơn vị nhận đóng góp (đơn vị, cơ sở hoặc quỹ khuyến học) hoặc sai loại.', en: 'The contribution\'s recipient (a unit, an institution or a study-promotion fund) is missing or of another kind.' },
  REPORT_IS_DRAFT: { vi: 'Báo cáo còn là bản nháp: tệp chỉ được tạo từ báo cáo đã nộp.', en: 'The report is a draft: files are made from a submitted report.' },
  REPORT_NOT_DRAFT: { vi: 'Chỉ báo cáo nháp mới được sửa hoặc nộp; báo cáo đã nộp được đính chính bằng phiên bản mới.', en: 'Only a draft report can be changed or submitted; a submitted report is corrected by a new version.' },
  REPORT_NOT_SUBMITTED: { vi: 'Chỉ báo cáo đã nộp mới được chấp nhận hoặc trả lại.', en: 'Only a submitted report can be accepted or returned.' },
  REPORT_SOURCE_REQUIRED: { vi: 'Hãy chọn đúng một nguồn: một báo cáo hoặc một báo cáo tổng hợp.', en: 'Name exactly one of a report and a consolidated report.' },
  REPORT_UNDER_REVIEW: { vi: 'Báo cáo mới nhất đang chờ Sở xem xét; có thể lập phiên bản mới khi báo cáo được trả lại hoặc chấp nhận.', en: 'The latest report waits for the Department; a new version can start once it is returned or accepted.' },
  REQUIRED: { vi: 'Trường này không được để trống.', en: 'This field is required.' },
  RESOURCE_NOT_PUBLISHED: { vi: 'Chỉ có thể học tài nguyên đã công bố.', en: 'Only a published resource can be studied.' },
  RETURN_REASON_REQUIRED: { vi: 'Hãy nêu lý do trả lại báo cáo (tối đa 2.000 ký tự).', en: 'Say why the report is returned (up to 2,000 characters).' },
  REVOCATION_REASON_REQUIRED: { vi: 'Hãy nêu lý do thu hồi danh hiệu.', en: 'Say why the award is revoked.' },
  ROSTER_TOO_LONG: { vi: 'Danh sách điểm danh có tối đa {max} dòng; hãy chia nhỏ.', en: 'A roster has at most {max} lines; split it.' },
  ROUND_NOT_FOUND: { vi: 'Không có đợt khen thưởng nào có mã này.', en: 'No commendation round has this id.' },
  RULESET_NOT_PUBLISHED: { vi: 'Bản nháp được tạo từ một phiên bản đã công bố.', en: 'A draft is made from a published version.' },
  RULESET_PUBLISHED: { vi: '{code} phiên bản {version} đã công bố và chỉ được xem; hãy tạo bản nháp mới từ phiên bản này.', en: '{code} version {version} is published and read-only; make a new draft from it.' },
  SCOPE_REQUIRED: { vi: 'Vai trò cán bộ cơ sở cần một cơ sở, vai trò cán bộ đánh giá cần một đơn vị hành chính.', en: 'A staff role needs an institution, an assessor role an administrative unit.' },
  SCORE_OUT_OF_RANGE: { vi: 'Điểm phải từ 0 đến {max}, tối đa 2 chữ số thập phân.', en: 'The score goes from 0 to {max}, with at most 2 decimals.' },
  SCORE_REQUIRED: { vi: 'Chỉ tiêu này chấm điểm, không đánh giá đạt / không đạt.', en: 'This indicator takes a score, not met / not met.' },
  SCORING_NOT_MONOTONIC: { vi: 'Các bậc tính điểm phải tăng dần: mỗi bậc có `atLeast` cao hơn và nhiều điểm hơn bậc trước.', en: 'Scoring bands go up: each has a higher `atLeast` and more points than the one before.' },
  SESSION_CANCELLED: { vi: 'Buổi học đã bị huỷ.', en: 'The session is cancelled.' },
  SESSION_NOT_OPEN: { vi: 'Buổi học chưa mở đăng ký.', en: 'The session is not open for registration.' },
  SESSION_NOT_STARTED: { vi: 'Điểm danh được ghi nhận từ 30 phút trước khi buổi học bắt đầu.', en: 'Attendance is recorded from 30 minutes before the session starts.' },
  SESSION_STARTED: { vi: 'Buổi học đã bắt đầu.', en: 'The session has already started.' },
  SESSION_TOO_LONG: { vi: 'Một buổi học kéo dài tối đa 24 giờ; hãy lập một chuỗi buổi học.', en: 'A session lasts at most 24 hours; schedule a series instead.' },
  SIGN_IN_LOCKED: { vi: 'Đăng nhập bằng tên này tạm bị khoá do sai quá nhiều lần; hãy thử lại sau {seconds} giây.', en: 'Signing in with this login is locked after too many failed attempts; try again in {seconds} s.' },
  SIGN_IN_THROTTLED: { vi: 'Đăng nhập sai quá nhiều lần; hãy thử lại sau {seconds} giây.', en: 'Too many failed sign-ins; try again in {seconds} s.' },
  SIZE_MISMATCH: { vi: 'Tệp đã tải lên có {size} byte, không phải {declared} byte như đã khai báo; có thể tệp bị cắt ngang.', en: 'The uploaded file has {size} bytes, not the {declared} declared; it may have been cut short.' },
  STUDY_LONGER_THAN_RESOURCE: { vi: 'Tài nguyên này dài {minutes} phút; chỉ ghi nhận tối đa {factor} lần thời lượng của nó.', en: 'This resource lasts {minutes} minutes; record at most {factor} times its length.' },
  SUBJECT_COUNT: { vi: 'Hãy công nhận từ 1 đến {max} đối tượng mỗi lần.', en: 'Recognise from 1 to {max} subjects at once.' },
  SUBJECT_NOT_FOUND: { vi: 'Không có đối tượng nào có mã này.', en: 'No subject has this id.' },
  SUCCESSOR_WITHOUT_END: { vi: 'successor_code cần có valid_to: chỉ đơn vị đã kết thúc mới có đơn vị kế thừa.', en: 'successor_code needs valid_to: only a unit that ended has a successor' },
  SUPERIOR_CYCLE: { vi: 'Một cơ quan không thể trực thuộc chính nó, trực tiếp hay qua các cơ quan cấp trên.', en: 'A body cannot answer to itself, directly or through the bodies above it.' },
  THRESHOLD_OUT_OF_RANGE: { vi: 'Ngưỡng {value} nằm ngoài khoảng cho phép {range}.', en: 'The threshold {value} is outside its allowed range {range}.' },
  TITLE_NOT_FOR_SUBJECT: { vi: 'Danh hiệu của đối tượng này là {title}.', en: 'This subject\'s title is {title}.' },
  TOO_LONG: { vi: 'Nội dung dài tối đa {max} ký tự.', en: 'The text has at most {max} characters.' },
  TOO_MANY_FILES: { vi: 'Chỉ đính kèm tối đa {max} tệp.', en: 'At most {max} files are attached.' },
  TOO_MANY_GOALS: { vi: 'Một kế hoạch có tối đa {max} mục tiêu.', en: 'A plan has at most {max} goals.' },
  TOO_MANY_SESSIONS: { vi: 'Một chuỗi có tối đa {max} buổi học; hãy chọn ngày kết thúc sớm hơn.', en: 'A series can have at most {max} sessions; choose an earlier end.' },
  TOPIC_REQUIRED: { vi: 'Cần ít nhất một chủ đề.', en: 'Give at least one topic.' },
  UNIT_AMBIGUOUS: { vi: 'Có nhiều đơn vị {level} mã {code} trùng khoảng thời gian này.', en: 'several {level} units with code {code} overlap this period' },
  UNIT_CODE_INVALID: { vi: 'Mã đơn vị bị bỏ trống hoặc có ký tự khác chữ cái, chữ số và dấu gạch ngang.', en: 'code is missing or has characters other than letters, digits and hyphens' },
  UNIT_LEVEL_MISMATCH: { vi: 'Chỉ định nghĩa Cộng đồng học tập mới cần cấp đơn vị, và bắt buộc có.', en: 'Give the unit level for a Learning Community, and only for it.' },
  UNIT_NO_LONGER_EXISTS: { vi: '{unit} không còn tồn tại; hãy chọn đơn vị kế thừa.', en: '{unit} no longer exists; choose the unit that succeeded it.' },
  UNIT_PERIOD_REVERSED: { vi: 'valid_to ở trước valid_from.', en: 'valid_to is before valid_from' },
  UNKNOWN_BODY: { vi: 'Không có cơ quan nào có mã này.', en: 'No body has this id.' },
  UNKNOWN_BODY_IDS: { vi: 'Một số mã không phải là cơ quan.', en: 'Some ids are not bodies.' },
  UNKNOWN_CITIZEN: { vi: 'Không có công dân nào bạn được xem có mã này.', en: 'No citizen you may see has this id.' },
  UNKNOWN_CRITERION_INDICATOR: { vi: 'Định nghĩa không có chỉ tiêu {indicator}.', en: 'The definition has no indicator {indicator}.' },
  UNKNOWN_HOUSEHOLD: { vi: 'Không có hộ nào trong địa bàn của bạn có mã này.', en: 'No household of your area has this id.' },
  UNKNOWN_METRIC: { vi: '{metric} không phải là phép đo hệ thống biết (xem titleMetrics).', en: '{metric} is not a metric the engine knows (see titleMetrics).' },
  UNKNOWN_PERSON: { vi: 'Dòng này nêu một người mà hệ thống không biết.', en: 'The line names a person the platform does not know.' },
  UNKNOWN_PROGRAMME: { vi: 'Một số mã không phải là chương trình.', en: 'Some ids are not programmes.' },
  UNKNOWN_UNIT: { vi: 'Không có đơn vị hành chính nào có mã này.', en: 'No administrative unit has this id.' },
  UNRECOGNISED_FILE: { vi: 'Tệp không thuộc loại có thể đọc được cho mục đích này.', en: 'The file is not of a type that can be read for its kind.' },
  UNSUPPORTED_TYPE: { vi: 'Không nhận tệp loại {type}; hãy gửi một trong các loại: {accepted}.', en: 'Files of type {type} are not accepted; send one of {accepted}.' },
  UPLOAD_MISSING: { vi: 'Chưa có tệp nào được tải lên địa chỉ tải lên.', en: 'No file arrived at the upload URL.' },
  WEAK_PASSWORD: { vi: 'Mật khẩu cần ít nhất {min} ký tự.', en: 'The password needs at least {min} characters.' },
  WEBHOOK_ENDPOINT_INACTIVE: { vi: 'Điểm nhận webhook đang tạm dừng; hãy kích hoạt lại trước khi gửi lại.', en: 'The webhook endpoint is paused; activate it before replaying.' },
  WEBHOOK_EVENT_KINDS_REQUIRED: { vi: 'Hãy chọn ít nhất một loại sự kiện.', en: 'Choose at least one kind of event.' },
  WRONG_STATUS: { vi: 'Hồ sơ đề nghị không ở bước mà thao tác này áp dụng.', en: 'The nomination is not at the step this action takes it from.' },
  YEAR_CLOSED: { vi: 'Năm {year} đã khoá sổ cho địa bàn; không thể thêm gì vào năm đó.', en: 'The year {year} is closed for the area; nothing can be added to it.' },
  YEAR_NOT_ENDED: { vi: 'Chỉ năm đã kết thúc mới được khoá sổ hoặc công nhận.', en: 'Only a year that has ended can be closed or recognised.' },
} as const satisfies Record<UserErrorCode, { vi: string; en: string }>;

/** The names in braces of a template, as a union: `'min' | 'max'` for "from {min} to {max}". */
export type ParamNames<S extends string> = S extends `${string}{${infer Name}}${infer Rest}` ? Name | ParamNames<Rest> : never;

/** A value shown as an enum value's label in the request's language, e.g. a decision level. */
export interface LabelParam {
  enum: string;
  values: string[];
}

export type ParamValue = string | number | LabelParam;

export type MessageParams<C extends UserErrorCode> = Record<ParamNames<(typeof USER_ERROR_MESSAGES)[C]['en']>, ParamValue>;

/** The arguments after a code: its values when its template has some, nothing otherwise. */
export type ParamArgs<C extends UserErrorCode> = [ParamNames<(typeof USER_ERROR_MESSAGES)[C]['en']>] extends [never] ? [] : [params: MessageParams<C>];

/** A code with the values of its template: what a UserError carries until its message is written in a language. */
export interface CodedMessage {
  code: UserErrorCode;
  params: Record<string, ParamValue>;
}

export function coded<C extends UserErrorCode>(code: C, ...params: ParamArgs<C>): CodedMessage {
  return { code, params: params[0] ?? {} };
}

export function templateParams(template: string): string[] {
  return [...template.matchAll(/\{(\w+)\}/g)].map((match) => match[1] ?? '');
}

function shown(value: ParamValue, locale: Locale): string {
  if (typeof value !== 'object') return String(value);
  return value.values.map((item) => labelOf(value.enum, item, locale)).join(locale === 'vi' ? ' hoặc ' : ' or ');
}

/** A template in a language with its values filled in; `what` names the template in the error a missing value raises. */
export function fillTemplate(template: string, params: Record<string, ParamValue>, locale: Locale, what: string): string {
  return template.replace(/\{(\w+)\}/g, (_whole, name: string) => {
    const value = params[name];
    if (value === undefined) throw new Error(`no value for {${name}} of ${what}`);
    return shown(value, locale);
  });
}

/** The message of a code in a language, its values filled in; a value missing from `params` is a bug the type checker catches. */
export function renderUserErrorMessage({ code, params }: CodedMessage, locale: Locale): string {
  return fillTemplate(USER_ERROR_MESSAGES[code][locale], params, locale, code);
}
